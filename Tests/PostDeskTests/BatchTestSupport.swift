import BatchPrinting
import DigitalPost
import Foundation
import PostDesk
import Registry
import Testing
import XMLTemplates

/// Shared set-up of the batch tests: the sample registry with some citizens exempt, paths,
/// schema validation and a folder's files with their bytes.
enum BatchTestSupport {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let root = packageRoot.path
  static let schemas = "\(root)/schemas"
  static let memoSchema = "\(schemas)/memo-1.2/MeMo_core.xsd"
  static let fjernprintSchema = "\(schemas)/fjernprint/ForsendelseI-xmllint.xsd"
  static let fixtures = "\(root)/samples/mailings/attacks"
  static let mailing = "\(root)/samples/mailings/exempt-citizens.jsonl"
  static let memoFolder = "\(root)/samples/mailings/memo"

  /// Citizens exempt from 1 January 2026: a Danish address, two foreign ones, no address
  /// (held), a custody holder, and one more Danish address.
  static let exempt = [
    "050531-3216", "101075-0063", "160588-1617", "300669-2809", "300148-1958", "020780-2743",
  ]

  /// A fresh temporary folder.
  static func temporaryFolder(_ name: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  /// A registry file with `samples/citizens.csv` effective 1 January 2026 and `exempt` exempt.
  static func registry(at path: String) throws -> Registry {
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
  static func options(_ inputs: [String], _ folder: String) -> BatchPrinter.Options {
    var options = BatchPrinter.Options(
      inputs: inputs, folder: folder, templatesFolder: "\(root)/templates", memoSchema: memoSchema)
    options.format = .html
    options.checkpointEvery = 4
    return options
  }

  /// Every file under `folder` (hidden ones included) by relative path, with its bytes.
  static func files(_ folder: String) -> [String: Data] {
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
  static func validate(_ path: String, against schema: XMLSchema) throws -> [String] {
    let document = try SafeXMLDocument(path: path)
    return schema.validate(document).map(\.located)
  }

  /// The rows of a CSV file without its header (the fields are simple in these tests).
  static func rows(_ path: String) -> [String] {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return Array(text.split(separator: "\n").dropFirst().map(String.init))
  }
}
