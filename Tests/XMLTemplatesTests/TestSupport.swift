import Foundation
import Testing

@testable import XMLTemplates

/// Where the test inputs live, found from this file so tests run from any directory.
enum Fixtures {
  /// `Tests/XMLTemplatesTests`.
  static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
  /// The repository root.
  static let repositoryRoot = URL(fileURLWithPath: testsDirectory).deletingLastPathComponent()
    .deletingLastPathComponent().path
  /// The public schemas that ship with the repository.
  static let schemas = repositoryRoot + "/schemas"
  /// The fixture templates and data.
  static let directory = testsDirectory + "/Fixtures"

  /// The path of a fixture.
  static func path(_ name: String) -> String {
    directory + "/" + name
  }

  /// The bytes of a fixture.
  static func bytes(_ name: String) -> [UInt8] {
    [UInt8](FileManager.default.contents(atPath: path(name)) ?? Data())
  }

  /// Messages with the machine-specific fixture directory taken out, for golden comparison.
  static func relative(_ text: String) -> String {
    text.replacingOccurrences(of: directory + "/", with: "")
  }
}

/// Compares text with a golden file under `Golden/`; `UPDATE_GOLDEN=1` rewrites the file.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let path = Fixtures.testsDirectory + "/Golden/" + name
  if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
    _ = FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
    return
  }
  guard let data = FileManager.default.contents(atPath: path) else {
    Issue.record("missing golden file \(name) (run with UPDATE_GOLDEN=1 and review it)", sourceLocation: sourceLocation)
    return
  }
  #expect(actual == String(decoding: data, as: UTF8.self), "golden \(name)", sourceLocation: sourceLocation)
}

/// The diagnostics of a template compile that is expected to fail, as one text.
func compileFailure(
  xml: String, path: String, includingFrom folder: String? = nil, filters: TemplateFilterSet = userFilters
) -> String {
  do {
    _ = try Template.compile(xml: xml, path: path, includingFrom: folder, filters: filters)
    Issue.record("expected \(path) not to compile")
    return ""
  } catch {
    return Fixtures.relative(error.description)
  }
}

/// The filters a user of the engine brings, as PostDesk brings its own: `cpr` masks a number
/// of ten digits (a hyphen after the sixth allowed) as `DDMMYY-XXXX`. The fixtures are letters
/// and use it; the engine has no `cpr` of its own.
let userFilters = TemplateFilterSet()
  .adding("cpr", expected: "a CPR number", format: "DDMMYY-SSSS or 10 digits") { text in
    let digits =
      text.utf8.count == 11 && text.utf8.dropFirst(6).first == UInt8(ascii: "-")
      ? text.replacingOccurrences(of: "-", with: "") : text
    guard digits.utf8.count == 10, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
    return "\(digits.prefix(6))-XXXX"
  }
