import Foundation
import PostDeskTestSupport
import Testing

/// `postdesk render` run as a real process: exit status, standard output, standard error.
@Suite struct RenderCommandTests {
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = repositoryRoot.appendingPathComponent("Tests/XMLTemplatesTests/Fixtures")

  func run(_ arguments: [String]) throws -> PostdeskProcess {
    try PostdeskProcess.run(arguments, in: Self.fixtures)
  }

  private func golden(_ name: String) throws -> String {
    let url = Self.repositoryRoot.appendingPathComponent("Tests/XMLTemplatesTests/Golden/\(name)")
    return String(decoding: try Data(contentsOf: url), as: UTF8.self)
  }

  @Test func rendersHTMLToStandardOutput() throws {
    let outcome = try run(["render", "letter-da.xhtml", "--data", "letter.json"])
    #expect(outcome.status == 0)
    #expect(outcome.stderr == "")
    #expect(outcome.stdout == (try golden("letter-da.html")))
  }

  @Test func rendersXMLToAFile() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-render-\(UUID()).xml")
    defer { try? FileManager.default.removeItem(at: out) }
    let outcome = try run(["render", "order.xml", "--data", "order.json", "--xml", "--out", out.path])
    #expect(outcome.status == 0)
    #expect(outcome.stdout == "")
    #expect(String(decoding: try Data(contentsOf: out), as: UTF8.self) == (try golden("order.xml")))
  }

  @Test func reportsLocatedErrorsOnStandardError() throws {
    let outcome = try run(["render", "includes/missing.xhtml", "--data", "letter.json"])
    #expect(outcome.status == 1)
    #expect(outcome.stdout == "")
    #expect(outcome.stderr == (try golden("errors/include-missing.txt")))
  }

  @Test func reportsMissingValuesAndBadData() throws {
    let missing = try run(["render", "letter-da.xhtml", "--data", "order.json"])
    #expect(missing.status == 1)
    #expect(
      missing.stderr.hasPrefix(
        "letter-da.xhtml:6:10: missing value subject in the data (add it, or give a fallback with |default:'…')\n"))
    let absent = try run(["render", "letter-da.xhtml", "--data", "absent.json"])
    #expect(absent.status == 1)
    #expect(absent.stderr == "absent.json: cannot read the data file (check that it exists)\n")
  }
}
