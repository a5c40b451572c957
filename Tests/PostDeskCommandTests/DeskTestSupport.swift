import Foundation
import GRDB
import PostDeskTestSupport
import Testing

/// The built `postdesk` run as a real process on a temporary registry of its own, with
/// "today" and "now" fixed, for the end-to-end tests of the desk commands.
///
/// Each test makes its own `DeskCLI`, so tests share no files and may run in parallel; its
/// folder goes with it, however the test ended.
final class DeskCLI {
  /// What one run of `postdesk` did.
  typealias Output = PostdeskProcess

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let templates = packageRoot.appendingPathComponent("templates").path

  static let sampleCitizens = packageRoot.appendingPathComponent("samples/citizens.csv").path

  /// The test's own folder: the registry, and the documents the commands write.
  let dir: URL
  let db: String

  init() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-desk-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    db = dir.appendingPathComponent("registry.sqlite").path
  }

  deinit { try? FileManager.default.removeItem(at: dir) }

  /// A path in the test's folder.
  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  /// Runs `postdesk` with `arguments` in the test's folder; the test folder's path in its
  /// output reads `$TMP`.
  @discardableResult
  func run(
    _ arguments: [String], today: String = "2026-11-22", centre: String? = nil,
    environment extra: [String: String] = [:]
  ) throws -> Output {
    var environment: [String: String?] = [
      "POSTDESK_DB": db, "POSTDESK_TODAY": today, "POSTDESK_NOW": "\(today)T09:00:00Z",
      "POSTDESK_TEMPLATES": Self.templates, "POSTDESK_CENTRE": centre, "COLUMNS": "100",
    ]
    for (name, value) in extra { environment[name] = value }
    let result = try PostdeskProcess.run(arguments, in: dir, environment: environment)
    var shown = result
    shown.stdout = result.stdout.replacingOccurrences(of: dir.path, with: "$TMP")
    shown.stderr = result.stderr.replacingOccurrences(of: dir.path, with: "$TMP")
    return shown
  }

  /// Imports `samples/citizens.csv`: 40 citizens, audit entry 1.
  func importSample() throws {
    let result = try run(["citizens", "import", Self.sampleCitizens, "--clerk", "ast", "--centre", "101"])
    #expect(result.status == 0, "\(result)")
    #expect(
      result.stdout.hasSuffix(": 40 rows, 40 created, 0 updated, 0 unchanged, effective 2026-11-22 (audit entry 1)\n"))
  }

  /// `citizens show CPR --json` as a dictionary.
  func show(_ cpr: String, today: String = "2026-11-22") throws -> [String: Any] {
    let result = try run(["citizens", "show", cpr, "--json"], today: today)
    #expect(result.status == 0, "\(result)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return object as? [String: Any] ?? [:]
  }

  /// The number of audit entries, from `postdesk audit verify`, which must find the chain intact.
  func auditEntries() throws -> Int {
    let result = try run(["audit", "verify"])
    #expect(result.status == 0, "\(result)")
    let prefix = "audit log intact: "
    guard result.stdout.hasPrefix(prefix) else { return -1 }
    return Int(result.stdout.dropFirst(prefix.count).prefix { $0.isNumber }) ?? -1
  }

  /// Everything the registry holds, as text: every table's schema and its rows, sorted, and
  /// what `audit verify` says; two equal snapshots mean nothing was written.
  func snapshot() throws -> String {
    var configuration = Configuration()
    configuration.readonly = true
    let queue = try DatabaseQueue(path: db, configuration: configuration)
    defer { try? queue.close() }
    var text = try queue.read { db in
      var text = ""
      let tables = try Row.fetchAll(
        db, sql: "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
      for table in tables {
        let name: String = table["name"]
        let sql: String = table["sql"]
        text += "\(sql)\n"
        guard sql.hasPrefix("CREATE TABLE") else { continue }
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"").map { row in
          row.databaseValues.map(\.description).joined(separator: " | ")
        }
        text += rows.sorted().map { "  \($0)\n" }.joined()
      }
      return text
    }
    text += try run(["audit", "verify"]).stdout
    return text
  }

  /// The files in the test's folder besides the registry, as paths relative to it, sorted.
  func documents() throws -> [String] {
    let enumerator = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
    var names: [String] = []
    while let url = enumerator?.nextObject() as? URL {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
      let name = String(url.resolvingSymlinksInPath().path.dropFirst(dir.resolvingSymlinksInPath().path.count + 1))
      if isFolder.boolValue || name.hasPrefix("registry.sqlite") { continue }
      names.append(name)
    }
    return names.sorted()
  }

  /// Runs a command that the desk must refuse, and checks that it exits non-zero with
  /// exactly `message` as one line on stderr, prints nothing on stdout, and leaves the
  /// registry, its audit log and the documents in the folder exactly as they were.
  func expectRefusal(
    _ arguments: [String], _ message: String, today: String = "2026-11-22",
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let before = try snapshot()
    let files = try documents()
    let result = try run(arguments, today: today)
    #expect(result.status != 0, "\(arguments) was not refused: \(result)", sourceLocation: sourceLocation)
    #expect(result.stderr == message + "\n", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(try snapshot() == before, "the registry changed", sourceLocation: sourceLocation)
    #expect(try documents() == files, "a document was left behind", sourceLocation: sourceLocation)
  }
}

/// Golden files in `Tests/PostDeskCommandTests/Golden`: compared byte for byte, or (re)written
/// when the environment has `POSTDESK_UPDATE_GOLDEN=1`.
enum Golden {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static var updating: Bool { ProcessInfo.processInfo.environment["POSTDESK_UPDATE_GOLDEN"] == "1" }

  /// Compares the file at `path` with the golden file `name`.
  static func check(file path: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard let actual = FileManager.default.contents(atPath: path) else {
      Issue.record("no document at \(path)", sourceLocation: sourceLocation)
      return
    }
    try check(actual, against: name, sourceLocation: sourceLocation)
  }

  /// Compares `actual` with the golden file `name`.
  static func check(_ actual: Data, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let golden = folder.appendingPathComponent(name)
    if updating {
      try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
      try actual.write(to: golden)
      return
    }
    guard let expected = FileManager.default.contents(atPath: golden.path) else {
      Issue.record(
        "no golden file \(name); run with POSTDESK_UPDATE_GOLDEN=1 to write it, then read it",
        sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
      Issue.record(
        """
        \(name) differs from the golden file at line \(line + 1):
          expected: \(line < e.count ? String(e[line]) : "<end>")
          actual:   \(line < a.count ? String(a[line]) : "<end>")
        (POSTDESK_UPDATE_GOLDEN=1 rewrites it)
        """, sourceLocation: sourceLocation)
    }
  }
}
