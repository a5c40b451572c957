import DigitalPost
import Documents
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import PostDesk
import Registry
import ServiceLifecycle
import XMLTemplates

/// The web desk: the clerks' pages over the desk's use cases. Handlers parse the form, call
/// the PostDesk use case with the signed-in clerk as the actor, and render; no rule lives here.
public final class WebDesk: Sendable {
  static let cookieName = "postdesk_session"

  let configuration: WebDeskConfiguration
  let pages: PageLibrary
  let documents: DocumentLibrary
  let centres: CentreDirectory
  /// The sessions, kept by the registry for every desk on it.
  let sessions: SessionStore
  /// The letters produced, kept by the registry for `documentsRetention`.
  let retention: DocumentRetention
  /// What prints a letter as PDF when a clerk asks for it: headless Chromium, started then.
  let printer: any DocumentPrinter = ChromiumDocumentPrinter.shared
  /// The failed sign-ins, counted in the registry for every desk on it.
  let throttle: SignInThrottle
  let signInForm: SignInForm
  let stylesheet: String
  /// The words of the desk in each language (the bundled catalogues, `MessageCatalogue`).
  let catalogues: [Language: MessageCatalogue]
  /// What the desk tells Prometheus (`metricsApplication`).
  public let metrics = DeskMetrics()
  /// Each catalogue as the pages read it (`m.SECTION.NAME`), made into a value tree once: encoded
  /// per request, the words cost more than the rest of a citizen page (issue 25).
  let pageWords: [Language: TemplateValue]
  /// The citizen page's NemID/MitID check as it shows before the clerk asks, in each language:
  /// the same on every citizen's page, so made once (its 28 options cost a tenth of the page).
  let blankNemIDs: [Language: TemplateValue]

  /// Compiles the page templates and reads the centres' letterheads; fails before listening.
  public init(_ configuration: WebDeskConfiguration) throws {
    let folder = configuration.templatesFolder
    guard FileManager.default.fileExists(atPath: "\(folder)/web/desk.css"),
      FileManager.default.fileExists(atPath: "\(folder)/centres.json")
    else { throw WebDeskError.missingTemplates(folder) }
    self.configuration = configuration
    let catalogues = Dictionary(uniqueKeysWithValues: [Language.da, .en].map { ($0, MessageCatalogue($0)) })
    self.catalogues = catalogues
    let pageWords = try catalogues.mapValues { try TemplateValue(encoding: $0.sections) }
    self.pageWords = pageWords
    self.pages = try PageLibrary(folder: "\(folder)/web", words: pageWords)
    self.documents = DocumentLibrary(folder: folder)
    self.centres = try CentreDirectory(file: "\(folder)/centres.json")
    self.sessions = SessionStore(registry: configuration.registry, idleTimeout: configuration.idleTimeout)
    self.throttle = SignInThrottle(registry: configuration.registry)
    self.signInForm = SignInForm(key: try configuration.registry.signInFormKey())
    // The sessions idle too long are forgotten at each sign-in; at start too, so that a
    // registry whose desks were stopped for a while keeps none.
    try sessions.forgetIdle(now: configuration.clock())
    self.stylesheet = try String(contentsOfFile: "\(folder)/web/desk.css", encoding: .utf8)
    self.blankNemIDs = try Dictionary(
      uniqueKeysWithValues: catalogues.map { language, words in
        try RequestLanguage.$current.withValue(language) {
          try RequestLanguage.$words.withValue(words) {
            (language, try TemplateValue(encoding: NemIDPanel(NemIDFields())))
          }
        }
      })
    // Made now, not at the first sign-in: that one would otherwise take twice as long.
    _ = ClerkAccounts.decoyHash
    self.retention = try DocumentRetention(
      registry: configuration.registry, retention: configuration.documentsRetention, now: configuration.clock())
  }

  /// The desk's routes.
  public func router() -> Router<DeskRequestContext> {
    let router = Router(context: DeskRequestContext.self)
    // Outermost, so that it counts what the failure pages answer.
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: SessionAuthenticator(desk: self))
    router.add(middleware: LanguageMiddleware(desk: self))
    // Inside the language's middleware, so that the failure pages speak the clerk's language.
    router.add(middleware: DeskFailures(desk: self))
    router.get("/") { _, _ in Response.redirect(to: "/citizens") }
    router.get("/health") { _, _ in self.health() }
    router.get("/static/desk.css") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
        body: .init(byteBuffer: ByteBuffer(string: self.stylesheet)))
    }
    // One collection per area, each with its full paths (the logs and metrics name them);
    // every route but the sign-in form's is behind `SignedInGuard`.
    for routes in [
      signInRoutes(), citizenRoutes(), exemptionRoutes(), applicationRoutes(), languageRoutes(), accessRoutes(),
      nemIDRoutes(), letterboxRoutes(), documentRoutes(),
    ] {
      router.addRoutes(routes)
    }
    return router
  }

  /// The Hummingbird application on `host:port`; `onRunning` hears the port it listens on.
  ///
  /// At most `connectionLimit` connections are served at once (the rest wait in the listen
  /// queue), and a client too slow to send its request is cut off (`RequestDeadlines`).
  public func application(
    host: String, port: Int, logger: Logger? = nil, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    let head = TimeAmount.milliseconds(Int64(configuration.requestHeadTimeout * 1000))
    let body = TimeAmount.milliseconds(Int64(configuration.requestBodyTimeout * 1000))
    let connections = MaximumAvailableConnections(
      configuration.connectionLimit, logger: logger ?? Logger(label: "postdesk-web"))
    return Application(
      router: router(),
      server: .http1(
        configuration: .init(
          additionalChannelHandlers: [RequestDeadlines(head: head, body: body)], idleTimeout: head + body)),
      configuration: .init(
        address: .hostname(host, port: port), serverName: nil,
        availableConnectionsDelegate: connections),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
  }

  /// The load balancer's question, `GET /health`: 200 `ready` while the registry answers a
  /// read, else 503 `alive; the registry does not answer` (the desk runs, but cannot serve).
  /// No sign-in: it says nothing of anyone.
  func health() -> Response {
    // One row by its key, not a count of the log: a load balancer asks every few seconds.
    let ready: Bool
    do {
      _ = try configuration.registry.auditHash(ofEntry: 1)
      ready = true
    } catch {
      ready = false
    }
    return Response(
      status: ready ? .ok : .serviceUnavailable,
      headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(string: ready ? "ready\n" : "alive; the registry does not answer\n")))
  }

  /// The metrics' own application on `host:port`: `GET /metrics` in Prometheus' text format,
  /// for the operator's scraper, apart from the clerks' pages.
  public func metricsApplication(
    host: String, port: Int, logger: Logger? = nil, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    let router = Router()
    router.get("/metrics") { _, _ in
      if let open = try? self.sessions.count(now: self.configuration.clock()) {
        self.metrics.sessions.set(to: Double(open))
      }
      return Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: self.metrics.text())))
    }
    return Application(
      router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
      logger: logger ?? Logger(label: "postdesk-metrics"))
  }

  /// Serves until the process is told to stop (SIGINT, SIGTERM); with `metrics`, the metrics'
  /// application too, on its own address, and both stop together.
  public func run(
    host: String, port: Int, metrics: (host: String, port: Int)? = nil,
    onMetricsRunning: @escaping @Sendable (Int) async -> Void = { _ in },
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    let pages = application(host: host, port: port, onRunning: onRunning)
    guard let metrics else { return try await pages.runService() }
    let logger = Logger(label: "postdesk-web")
    let group = ServiceGroup(
      configuration: .init(
        services: [
          .init(service: pages),
          .init(service: metricsApplication(host: metrics.host, port: metrics.port, onRunning: onMetricsRunning)),
        ], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
  }

  // MARK: What every handler shares

  /// The desk for one action: the registry, letters and letterheads, today and now.
  func desk() -> Desk {
    Desk(
      registry: configuration.registry, documents: documents, centres: centres, printer: printer,
      today: configuration.today(), now: configuration.auditTime())
  }

  /// Runs `body` for the signed-in clerk of the context (`SessionAuthenticator`): without
  /// one, 303 to the sign-in page (as `SignedInGuard`, which keeps the signed-in routes); on a
  /// POST, a missing or wrong CSRF token gets 403 and `body` does not run.
  func signedIn(
    _ request: Request, _ context: DeskRequestContext, _ body: (Session, SignedInClerk) async throws -> Response
  ) async throws -> Response {
    try await signedIn(request, context, posting: NoFields.self) { session, clerk, _ in
      try await body(session, clerk)
    }
  }

  /// Runs `body` for a signed-in clerk with the fields of `Form` that the request posted
  /// (blank on a GET): as `signedIn(_:_:)`, and a body that cannot be read as `Form` is an
  /// `UnreadableForm`.
  func signedIn<Form: Decodable>(
    _ request: Request, _ context: DeskRequestContext, posting: Form.Type,
    _ body: (Session, SignedInClerk, Form) async throws -> Response
  ) async throws -> Response {
    guard let session = context.session, let clerk = session.clerk else {
      return .redirect(to: "/sign-in")
    }
    var posted = PostedForm.empty
    if request.method == .post {
      posted = try await PostedForm.read(request)
      guard Token.equal(try posted.decode(CSRFField.self).csrf, session.csrf) else { return try forbidden() }
    }
    return try await body(session, clerk, try posted.decode(Form.self))
  }

  /// The citizen a session's reference names.
  func citizen(_ reference: String?, in session: Session) -> CPRNumber? {
    reference.flatMap { session.citizens[$0] }
  }

  /// The layout every signed-in page shares; `title` names the page's title in the catalogue
  /// (`title.NAME`).
  func layout(_ title: String, _ session: Session) -> Layout {
    var layout = Layout(
      title: pageTitle(title), clerk: session.clerk.map { "\($0.id) @ \($0.centre)" } ?? "", csrf: session.csrf)
    layout.queue = queueCount(session.clerk).map(String.init) ?? ""
    return layout
  }

  /// The layout of a page shown without a session (sign-in, refusals, failures).
  func plainLayout(_ title: String, csrf: String = "") -> Layout {
    Layout(title: pageTitle(title), clerk: "", csrf: csrf)
  }

  /// "PostDesk – " and the page's title (`title.NAME`) in the request's language.
  func pageTitle(_ name: String) -> String { "PostDesk – " + words.text("title.\(name)") }

  /// A rendered page, in the request's language.
  func page(_ name: String, _ data: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let language = words.language
    let html = try pages.render(
      name, Worded(data: data, m: pageWords[language]!, lang: language.rawValue), language: language)
    return Response(status: status, headers: Self.pageHeaders, body: .init(byteBuffer: ByteBuffer(bytes: html)))
  }

  /// A rendered page from data made as the engine's value tree (the citizen page), in the
  /// request's language: as `page(_:_:status:)`, with nothing encoded on the way.
  func page(_ name: String, members: TemplateObject, status: HTTPResponse.Status = .ok) throws -> Response {
    let language = words.language
    var data = members
    data.append("m", pageWords[language]!)
    data.append("lang", .string(language.rawValue))
    let html = try pages.render(name, value: .object(data), language: language)
    return Response(status: status, headers: Self.pageHeaders, body: .init(byteBuffer: ByteBuffer(bytes: html)))
  }

  /// The headers of every HTML answer, the desk's pages and the letters it produced alike.
  static let pageHeaders: HTTPFields = [
    .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
    .init("X-Frame-Options")!: "DENY", .init("Content-Security-Policy")!: "default-src 'self'",
    .init("X-Content-Type-Options")!: "nosniff", .init("Referrer-Policy")!: "no-referrer",
  ]

  /// The headers of a produced letter: as a page's, but its print style sheet is inline, and
  /// nothing else may load or run.
  static let letterHeaders: HTTPFields = {
    var headers = pageHeaders
    headers[.contentType] = "\(DocumentFormat.html.mimeType); charset=utf-8"
    headers[.init("Content-Security-Policy")!] =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
      + "frame-ancestors 'none'"
    return headers
  }()

  /// The headers of a letter's PDF: a document to show or save, never to run.
  static let pdfHeaders: HTTPFields = [
    .contentType: DocumentFormat.pdf.mimeType, .cacheControl: "no-store", .init("X-Content-Type-Options")!: "nosniff",
    .init("Content-Security-Policy")!: "default-src 'none'; frame-ancestors 'none'",
    .init("X-Frame-Options")!: "DENY", .init("Referrer-Policy")!: "no-referrer",
  ]

  func forbidden() throws -> Response {
    try page("forbidden", Plain(layout: plainLayout("refused")), status: .forbidden)
  }

  func notFound(_ session: Session) throws -> Response {
    try page("not-found", Plain(layout: layout("notFound", session)), status: .notFound)
  }

  /// Runs a use case on NIO's pool of threads for blocking work, off the server's event
  /// loops: use cases print PDFs and wait for the registry's lock.
  func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(work)
  }

  /// Where the letters of one action by a clerk of `centre` are kept: the registry, under a
  /// new unguessable id (the letters' URLs name it). Old letters are forgotten first when due.
  func letterSink(for centre: MunicipalityCode) throws -> KeptDocuments {
    let now = configuration.clock()
    try retention.sweepIfDue(now: now)
    return KeptDocuments(action: Token.random(bytes: 16), centre: centre, madeAt: now)
  }
}

/// The parts of the layout: title, the signed-in clerk, the session's CSRF token, how many
/// applications await the clerk's municipality's decision (empty when unknown), and the
/// language switch (the other language, and the page to come back to).
struct Layout: Encodable, Sendable {
  var title: String
  var clerk: String
  var csrf: String
  var queue: String = ""
  var switchTo: String = RequestLanguage.current == .da ? "en" : "da"
  var back: String = RequestLanguage.back

  /// The layout as the template engine's value tree (`layout.*`), made directly: every page
  /// has one, and encoding it through `Codable` cost more than making it (issue 25).
  var value: TemplateValue {
    var members = TemplateObject(minimumCapacity: 6)
    members.append("title", .string(title))
    members.append("clerk", .string(clerk))
    members.append("csrf", .string(csrf))
    members.append("queue", .string(queue))
    members.append("switchTo", .string(switchTo))
    members.append("back", .string(back))
    return .object(members)
  }

  /// The tree as one value: the engine's encoder takes it as it is.
  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }
}

/// A page with nothing but the layout.
struct Plain: Encodable {
  var layout: Layout
}
