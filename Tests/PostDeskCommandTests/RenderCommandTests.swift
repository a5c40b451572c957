import Foundation
import Testing

/// `postdesk render` run as a real process: exit status, standard output, standard error.
@Suite struct RenderCommandTests {
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = repositoryRoot.appendingPathComponent("Tests/XMLTemplatesTests/Fixtures")

  /// The built tool: beside the test bundle, or in `.build/debug` of the repository.
  static var executable: URL? {
    var candidates: [URL] = []
    for bundle in Bundle.allBundles {
      candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("postdesk"))
    }
    candidates.append(
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("postdesk"))
    candidates.append(repositoryRoot.appendingPathComponent(".build/debug/postdesk"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  func run(_ arguments: [String]) throws -> Outcome {
    let executable = try #require(Self.executable, "build postdesk first (swift build --product postdesk)")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = Self.fixtures
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
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
