import Foundation
import GRDB
import Testing

/// The built `postdesk serve` on a free loopback port, with a temporary registry of its own:
/// the 40 sample citizens, clerk `mh` at centre 751 (password `counter-751`), and clerk `hs`
/// at Horsens, 615 (password `counter-615`), who decides for the citizens registered there.
///
/// Today is fixed to 22 November 2026, the day the samples were written around.
final class DeskServer: Sendable {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let templates = packageRoot.appendingPathComponent("templates").path
  static let clerk = "mh"
  static let centre = "751"
  static let password = "counter-751"
  /// A clerk of Horsens (615), the municipality that decides Karen Møller's application.
  static let horsensClerk = "hs"
  static let horsensPassword = "counter-615"
  static let today = "2026-11-22"

  /// The `postdesk` built beside the test bundle, or in `.build/debug`.
  static var binary: URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("postdesk")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/postdesk")
  }

  /// The server's folder: the registry, the letters it writes, its output.
  let folder: URL
  let db: String
  let port: Int
  private let process: ServerProcess

  /// The address of `path` on the server.
  func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

  private init(folder: URL, db: String, port: Int, process: ServerProcess) {
    self.folder = folder
    self.db = db
    self.port = port
    self.process = process
  }

  /// Runs `body` with a fresh server, and stops the server (and removes its folder) whether
  /// `body` succeeds or throws.
  static func run<T>(_ body: (DeskServer) async throws -> T) async throws -> T {
    let server = try await start()
    do {
      let result = try await body(server)
      server.stop()
      return result
    } catch {
      server.stop(keep: true)
      throw error
    }
  }

  private static func start() async throws -> DeskServer {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-web-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let db = folder.appendingPathComponent("registry.sqlite").path
    let imported = try cli(
      db: db, folder: folder,
      [
        "citizens", "import", packageRoot.appendingPathComponent("samples/citizens.csv").path, "--clerk", "ast",
        "--centre", "101",
      ])
    try #require(imported.status == 0, "\(imported)")
    let added = try cli(
      db: db, folder: folder, ["clerks", "add", clerk, "--centre", centre], input: "\(password)\n")
    try #require(added.status == 0, "\(added)")
    try #require(added.stdout == "Clerk mh added at centre 751\n")
    let horsens = try cli(
      db: db, folder: folder, ["clerks", "add", horsensClerk, "--centre", "615"], input: "\(horsensPassword)\n")
    try #require(horsens.status == 0, "\(horsens)")

    let process = try ServerProcess(
      name: "postdesk serve", executable: binary,
      arguments: [
        "serve", "--db", db, "--port", "0", "--host", "127.0.0.1",
      ],
      environment: environment(db: db), directory: folder, log: folder.appendingPathComponent("serve.log"))
    do {
      // `serve` prints "PostDesk web desk on http://HOST:PORT" once it listens.
      let port = try await process.waitUntilReady(polling: .milliseconds(50)) { () -> Int? in
        process.output.split(separator: "\n").first { $0.hasPrefix("PostDesk web desk on http://") }
          .flatMap { Int($0.split(separator: ":").last ?? "") }
      }
      return DeskServer(folder: folder, db: db, port: port, process: process)
    } catch {
      process.stop()
      try? FileManager.default.removeItem(at: folder)
      throw error
    }
  }

  /// Stops the server (SIGKILL: see `ServerProcess`); keeps its folder when `keep`.
  func stop(keep: Bool = false) {
    process.stop()
    if keep {
      print("postdesk serve's registry, letters and log kept in \(folder.path)")
    } else {
      try? FileManager.default.removeItem(at: folder)
    }
  }

  /// What the server wrote on its standard output and error.
  var log: String { process.output }

  // MARK: - The registry, through the command line

  /// What one run of `postdesk` did.
  struct Output: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
  }

  private static func environment(db: String) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["POSTDESK_DB"] = db
    environment["POSTDESK_TODAY"] = today
    environment["POSTDESK_NOW"] = "\(today)T09:00:00Z"
    environment["POSTDESK_TEMPLATES"] = templates
    environment["COLUMNS"] = "100"
    return environment
  }

  private static func cli(db: String, folder: URL, _ arguments: [String], input: String? = nil) throws -> Output {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = environment(db: db)
    process.currentDirectoryURL = folder
    let out = folder.appendingPathComponent("cli.out")
    let err = folder.appendingPathComponent("cli.err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    try stdin.fileHandleForWriting.write(contentsOf: Data((input ?? "").utf8))
    try stdin.fileHandleForWriting.close()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
  }

  /// Runs `postdesk` on the server's registry, while the server runs.
  func cli(_ arguments: [String]) throws -> Output {
    try Self.cli(db: db, folder: folder, arguments)
  }

  /// `citizens show CPR --json` as a dictionary.
  func show(_ cpr: String) throws -> [String: Any] {
    let result = try cli(["citizens", "show", cpr, "--json"])
    try #require(result.status == 0, "\(result)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
  }

  /// The audit log's entries after `after`: (clerk, centre, action, subject), oldest first.
  func audit(after: Int = 0) throws -> [(clerk: String, centre: String, action: String, subject: String)] {
    var configuration = Configuration()
    configuration.readonly = true
    let queue = try DatabaseQueue(path: db, configuration: configuration)
    defer { try? queue.close() }
    return try queue.read { db in
      try Row.fetchAll(
        db, sql: "SELECT clerk, centre, action, subject FROM audit WHERE id > ? ORDER BY id", arguments: [after]
      ).map { ($0["clerk"], $0["centre"], $0["action"], $0["subject"]) }
    }
  }

  /// One number from the registry, by SQL.
  func count(_ sql: String) throws -> Int {
    var configuration = Configuration()
    configuration.readonly = true
    let queue = try DatabaseQueue(path: db, configuration: configuration)
    defer { try? queue.close() }
    return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
  }
}
