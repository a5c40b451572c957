import BatchPrinting
import DigitalPost
import Foundation
import PostDesk
import Registry
import XMLTemplates

/// Shared set-up of the batch tests, in process and end to end: the sample registry with some
/// citizens exempt, paths, the built `postdesk`, schema validation and a folder's files with
/// their bytes.
public enum BatchTestSupport {
  /// The repository's root folder.
  public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  /// The repository's root folder, as a path.
  public static let root = packageRoot.path
  /// The repository's public XML schemas.
  public static let schemas = "\(root)/schemas"
  /// The MeMo 1.2 schema.
  public static let memoSchema = "\(schemas)/memo-1.2/MeMo_core.xsd"
  /// The OIO Fjernprint print order schema, as xmllint and libxml2 compile it.
  public static let fjernprintSchema = "\(schemas)/fjernprint/ForsendelseI-xmllint.xsd"
  /// Mailings that try to break the batch.
  public static let fixtures = "\(root)/samples/mailings/attacks"
  /// The sample mailing to the exempt citizens.
  public static let mailing = "\(root)/samples/mailings/exempt-citizens.jsonl"
  /// The sample MeMo messages.
  public static let memoFolder = "\(root)/samples/mailings/memo"

  /// The `postdesk` built beside the test bundle, or in `.build/debug`.
  public static var binary: String {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("postdesk").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return "\(root)/.build/debug/postdesk"
  }

  /// Writes a mailing of `count` letters to `path`: the sample mailing's lines over and over.
  public static func writeMailing(_ count: Int, at path: String) throws {
    let lines = try String(contentsOfFile: mailing, encoding: .utf8).split(separator: "\n")
    var text = ""
    for index in 0..<count { text += lines[index % lines.count] + "\n" }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  /// Citizens exempt from 1 January 2026: a Danish address, two foreign ones, no address
  /// (held), a custody holder, and one more Danish address.
  public static let exempt = [
    "050531-3216", "101075-0063", "160588-1617", "300669-2809", "300148-1958", "020780-2743",
  ]

  /// A fresh temporary folder.
  public static func temporaryFolder(_ name: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  /// A registry file with `samples/citizens.csv` effective 1 January 2026 and `exempt` exempt.
  public static func registry(at path: String) throws -> Registry {
    let registry = try Registry(path: path)
    let actor = AuditActor(clerk: "test", centre: "751", at: Date(timeIntervalSince1970: 1_767_225_600))
    let since = CivilDate(iso: "2026-01-01")!
    _ = try registry.importCitizens(csvPath: "\(root)/samples/citizens.csv", effective: since, actor: actor)
    try registry.write(actor) { tx in
      for text in exempt {
        try tx.startExemption(
          try CPRNumber(parsing: text), since: since, criteria: [.noInternet], forEmigration: false, applicationID: nil,
          paperCopiesFrom: nil)
      }
    }
    return registry
  }

  /// Options for an HTML batch of `inputs` into `folder` with the project's templates (the
  /// PDF batch has tests of its own, `BatchPDFTests`).
  public static func options(_ inputs: [String], _ folder: String) -> BatchPrinter.Options {
    var options = BatchPrinter.Options(
      inputs: inputs, folder: folder, templatesFolder: "\(root)/templates", memoSchema: memoSchema)
    options.format = .html
    options.checkpointEvery = 4
    return options
  }

  /// Every file under `folder` (hidden ones included) by relative path, with its bytes.
  public static func files(_ folder: String) -> [String: Data] {
    var result: [String: Data] = [:]
    let fm = FileManager.default
    for relative in fm.subpaths(atPath: folder) ?? [] {
      var isFolder: ObjCBool = false
      let path = "\(folder)/\(relative)"
      if fm.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        result[relative] = fm.contents(atPath: path)
      }
    }
    return result
  }

  /// Problems of `path` against the schema at `schema` (empty: valid).
  public static func validate(_ path: String, against schema: XMLSchema) throws -> [String] {
    let document = try SafeXMLDocument(path: path)
    return schema.validate(document).map(\.located)
  }

  /// The rows of a CSV file without its header (the fields are simple in these tests).
  public static func rows(_ path: String) -> [String] {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return Array(text.split(separator: "\n").dropFirst().map(String.init))
  }
}
