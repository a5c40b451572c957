import DigitalPost
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import PostDesk
import PostDeskWeb
import Registry
import RegistryPostgres
import Synchronization

/// A web desk on a free loopback port with a temporary registry holding the sample citizens
/// and clerks `mh` and `ast` at centre 751, a clock the test moves, and the log it writes.
final class WebDeskFixture: Sendable {
  static let password = "correct horse battery"
  static let today = CivilDate(iso: "2026-11-22")!
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  let folder: String
  let registry: Registry
  /// Opens the fixture's registry anew (another desk's own connections).
  let openRegistry: @Sendable () throws -> Registry
  let desk: WebDesk
  let log = LogLines()
  let clock = TestClock()

  /// `configure` changes the desk's configuration (its limits) before it starts;
  /// `busyTimeout` is how long a write waits for another writer of the registry file.
  ///
  /// With `postgres` (a database's URL) the registry is that PostgreSQL database instead of a
  /// file in the fixture's folder: every desk opens it with a `Registry` of its own.
  init(
    busyTimeout: Double = 10, postgres: String? = nil, connectionWait: Double = 30,
    configure: (inout WebDeskConfiguration) -> Void = { _ in }
  ) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-web-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = "\(folder)/registry.sqlite"
    openRegistry =
      if let postgres {
        {
          try Registry(store: PostgresStore(url: postgres, timeout: busyTimeout, connectionWait: connectionWait))
        }
      } else {
        { try Registry(path: path, busyTimeout: busyTimeout) }
      }
    registry = try openRegistry()
    let actor = AuditActor(clerk: "system", centre: "000", at: Date(timeIntervalSince1970: 1_795_000_000))
    _ = try registry.importCitizens(
      csvPath: Self.repository.appendingPathComponent("samples/citizens.csv").path,
      effective: CivilDate(iso: "2026-01-01")!, actor: actor)
    for clerk in ["mh", "ast"] {
      try ClerkAccounts.add(
        id: clerk, centre: MunicipalityCode(751)!, admin: false, password: Self.password, registry: registry,
        actor: actor, cost: 4)
    }
    let clock = self.clock
    var configuration = WebDeskConfiguration(
      registry: registry, templatesFolder: Self.repository.appendingPathComponent("templates").path,
      clock: { clock.now }, today: { Self.today },
      auditTime: { Date(timeIntervalSince1970: 1_795_000_000) })
    // The test client keeps one connection for a test's requests; on a loaded machine (the
    // whole suite runs at once, browsers printing beside it) a test may pause longer than the
    // desk's 10 s between them, and the desk rightly closes the idle connection. The tests of
    // the deadlines set their own.
    configuration.requestHeadTimeout = 300
    configure(&configuration)
    desk = try WebDesk(configuration)
  }

  deinit { try? FileManager.default.removeItem(atPath: folder) }

  /// A second desk on the fixture's registry file, through a `Registry` of its own (its own
  /// connections, as another process has), with the same clock: two desks behind a load
  /// balancer that share nothing but the registry (issue 21).
  func otherDesk() throws -> WebDesk {
    let clock = self.clock
    var configuration = WebDeskConfiguration(
      registry: try openRegistry(),
      templatesFolder: Self.repository.appendingPathComponent("templates").path, clock: { clock.now },
      today: { Self.today }, auditTime: { Date(timeIntervalSince1970: 1_795_000_000) })
    configuration.requestHeadTimeout = 300
    return try WebDesk(configuration)
  }

  /// Runs `body` against `desk` (another desk on the fixture's registry) served on a free loopback port.
  func run(_ desk: WebDesk, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await desk.application(host: "127.0.0.1", port: 0, logger: logger).test(.live, body)
  }

  /// Runs `body` against the desk and a second desk on the same registry (`otherDesk`), each
  /// served on a free loopback port: two desks behind a load balancer.
  func runTwoDesks(
    _ body: @Sendable (any TestClientProtocol, any TestClientProtocol) async throws -> Void
  ) async throws {
    let other = try otherDesk()
    try await run { a in try await run(other) { b in try await body(a, b) } }
  }

  /// Moves the desk's clock on.
  func advance(_ seconds: TimeInterval) { clock.advance(seconds) }

  /// Runs `body` against the desk served on a free loopback port.
  func run(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await desk.application(host: "127.0.0.1", port: 0, logger: logger).test(.live, body)
  }

  /// Runs `body` with the port of the desk served as `postdesk serve` serves it, on a free
  /// loopback port: the test client's set-up does not keep the connection limit.
  func serve(_ body: @Sendable (Int) async throws -> Void) async throws {
    let (ports, announce) = AsyncStream.makeStream(of: Int.self)
    let application = desk.application(host: "127.0.0.1", port: 0, logger: logger) { announce.yield($0) }
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try? await application.runService() }
      var next = ports.makeAsyncIterator()
      guard let port = await next.next() else { throw PageError("the desk did not start") }
      try await body(port)
      group.cancelAll()
    }
  }

  private var logger: Logger {
    var logger = Logger(label: "postdesk-web-test") { _ in LogCollector(lines: self.log) }
    logger.logLevel = .trace
    return logger
  }

  /// The letters the registry keeps, as `NAME.FORMAT`, by action, name and format.
  func keptLetters() throws -> [String] {
    try DatabaseQueue(path: "\(folder)/registry.sqlite").read { db in
      try String.fetchAll(db, sql: "SELECT name || '.' || format FROM kept_document ORDER BY action, name, format")
    }
  }

  /// The actions whose letters the registry keeps, oldest first (then by id).
  func keptActions() throws -> [String] {
    try DatabaseQueue(path: "\(folder)/registry.sqlite").read { db in
      try String.fetchAll(db, sql: "SELECT action FROM kept_document GROUP BY action ORDER BY MIN(made_at), action")
    }
  }

  /// Dates the letters of `action` as made at `date`.
  func setMadeAt(_ action: String, _ date: Date) throws {
    try DatabaseQueue(path: "\(folder)/registry.sqlite").write { db in
      try db.execute(
        sql: "UPDATE kept_document SET made_at = ? WHERE action = ?", arguments: [date.timeIntervalSince1970, action])
    }
  }

  /// Every row of every table but the desks' sessions and sign-in counts, as text: to show that
  /// a refused request changed nothing (a clerk signing in between opens a session, and a
  /// request notes its session in use; neither is a change of the register).
  func dump() throws -> String {
    let queue = try DatabaseQueue(path: "\(folder)/registry.sqlite")
    return try queue.read { db in
      let tables = try String.fetchAll(
        db,
        sql: """
          SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            AND name NOT IN ('desk_session', 'sign_in_attempt') ORDER BY name
          """)
      var out = ""
      for table in tables {
        out += "# \(table)\n"
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").count
        let order = (1...columns).map(String.init).joined(separator: ", ")
        for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") { out += "\(row)\n" }
      }
      return out
    }
  }
}

/// The desk's clock, moved by the test.
final class TestClock: Sendable {
  private let time = Mutex(Date(timeIntervalSince1970: 1_795_000_000))
  var now: Date { time.withLock { $0 } }
  func advance(_ seconds: TimeInterval) { time.withLock { $0 += seconds } }
}

/// The lines the desk logged.
final class LogLines: Sendable {
  private let lines = Mutex<[String]>([])
  func append(_ line: String) { lines.withLock { $0.append(line) } }
  var all: [String] { lines.withLock { $0 } }
}

struct LogCollector: LogHandler {
  let lines: LogLines
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .trace

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let all = metadata.merging(event.metadata ?? [:]) { $1 }
    lines.append("\(event.level) \(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })")
  }
}

/// A browser without JavaScript: keeps the session cookie and reads the CSRF token off the
/// last page, and records every URL, title and redirect it saw.
actor Browser {
  let client: any TestClientProtocol
  private(set) var cookie: String?
  private(set) var csrf: String?
  private(set) var seen: [String] = []

  /// The `Accept-Language` the browser sends; English unless a test asks for Danish (the
  /// desk's default), so that the tests written against the English pages read them.
  let language: String?
  /// The `X-Forwarded-For` the browser's requests arrive with, as a proxy in front would add it.
  let forwardedFor: String?

  /// `cookie` and `csrf`: a browser already signed in elsewhere (`following`).
  init(
    _ client: any TestClientProtocol, language: String? = "en", forwardedFor: String? = nil, cookie: String? = nil,
    csrf: String? = nil
  ) {
    self.client = client
    self.language = language
    self.forwardedFor = forwardedFor
    self.cookie = cookie
    self.csrf = csrf
  }

  /// This browser going on at another desk (`client`) behind a load balancer: its cookie and
  /// the last page's CSRF token come along.
  func following(to client: any TestClientProtocol) -> Browser {
    Browser(client, language: language, forwardedFor: forwardedFor, cookie: cookie, csrf: csrf)
  }

  @discardableResult
  func get(_ path: String) async throws -> Page {
    try await send(path, method: .get, body: nil)
  }

  /// Posts `fields` (url-encoded) with the page's CSRF token unless `csrf` overrides it.
  @discardableResult
  func post(_ path: String, _ fields: [(String, String)], csrf override: String?? = .none) async throws -> Page {
    var all = fields
    switch override {
    case .none: if let csrf { all.append(("csrf", csrf)) }
    case .some(.some(let token)): all.append(("csrf", token))
    case .some(.none): break
    }
    let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    return try await send(path, method: .post, body: body)
  }

  /// Signs in as `clerk`.
  @discardableResult
  func signIn(_ clerk: String = "mh", password: String = WebDeskFixture.password) async throws -> Page {
    try await get("/sign-in")
    let page = try await post("/sign-in", [("clerk", clerk), ("password", password)])
    // As a browser does: follow to the first page, whose forms carry the new session's token.
    if page.status == .seeOther, let location = page.location { try await get(location) }
    return page
  }

  /// Finds `cpr` and returns the citizen page's path (`/citizens/REF`).
  func find(_ cpr: String) async throws -> String {
    let page = try await post("/citizens", [("cpr", cpr)])
    guard page.status == .seeOther, let location = page.location else {
      throw PageError("finding \(cpr) gave \(page.status), not a redirect")
    }
    try await get(location)
    return location
  }

  func forgetCookie() { cookie = nil }

  private func send(_ path: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
    var headers = HTTPFields()
    if let cookie { headers[.cookie] = "postdesk_session=\(cookie)" }
    if let language { headers[.acceptLanguage] = language }
    if let forwardedFor { headers[.init("X-Forwarded-For")!] = forwardedFor }
    if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
    let response = try await client.executeRequest(
      uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    let page = Page(response)
    if let set = response.headers[.setCookie], set.hasPrefix("postdesk_session=") {
      let value = String(set.dropFirst("postdesk_session=".count).prefix { $0 != ";" })
      cookie = value.isEmpty ? nil : value
    }
    if let token = page.csrf { csrf = token }
    seen.append(path)
    if let location = page.location { seen.append(location) }
    if let title = page.title { seen.append(title) }
    return page
  }

  private static func encode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }
}

/// A response as the tests read it.
struct Page: Sendable {
  var status: HTTPResponse.Status
  var location: String?
  var setCookie: String?
  var html: String

  init(html: String, status: HTTPResponse.Status = .ok) {
    self.status = status
    self.html = html
  }

  init(_ response: TestResponse) {
    status = response.status
    location = response.headers[.location]
    setCookie = response.headers[.setCookie]
    html = String(buffer: response.body)
  }

  var title: String? { capture("<title>([^<]*)</title>") }
  var csrf: String? { capture("name=\"csrf\" value=\"([0-9a-f]{64})\"") }

  /// The text of the element with `id`, tags stripped, whitespace collapsed; nil when absent.
  func text(_ id: String) -> String? {
    guard let start = html.range(of: "id=\"\(id)\"") else { return nil }
    guard let open = html[start.upperBound...].firstIndex(of: ">") else { return nil }
    let tag = html[..<start.lowerBound].lastIndex(of: "<").map {
      html[html.index(after: $0)...].prefix { $0.isLetter || $0.isNumber }
    }
    let name = String(tag ?? "")
    let rest = html[html.index(after: open)...]
    let end = rest.range(of: "</\(name)>")?.lowerBound ?? rest.endIndex
    let inner = String(rest[..<end]).replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
    return inner.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  func has(_ id: String) -> Bool { html.contains("id=\"\(id)\"") }

  private func capture(_ pattern: String) -> String? {
    guard let regex = try? NSRegularExpression(pattern: pattern),
      let match = regex.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)),
      let range = Range(match.range(at: 1), in: html)
    else { return nil }
    return String(html[range])
  }
}

struct PageError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
