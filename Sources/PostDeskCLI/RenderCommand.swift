import ArgumentParser
import Documents
import Foundation
import PostDesk
import XMLTemplates

/// `postdesk render`: renders one document from a template and JSON data, so that a
/// municipality can preview and check its own templates.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Render a template with JSON data, as HTML5 (default) or XML.",
    discussion: """
      Errors name the file, line and column, one per line, on standard error; the exit \
      status is then non-zero.
      """
  )

  @Argument(help: "The template file (XHTML or XML).")
  var template: String

  @Option(help: "The JSON file with the data to render.")
  var data: String

  @Option(
    help: ArgumentHelp(
      "The folder the template may include from.",
      discussion: "Default: the folder above the template's own (templates/ for templates/da/letter.xhtml).",
      valueName: "folder"))
  var includeFolder: String?

  @Flag(help: "Write XML (with declaration and namespaces) instead of HTML5.")
  var xml = false

  @Option(help: "Write the document to this file instead of standard output.", completion: .file())
  var out: String?

  func run() throws {
    guard let json = FileManager.default.contents(atPath: data) else {
      throw fail("\(data): cannot read the data file (check that it exists)")
    }
    let document: String
    do {
      let folder =
        includeFolder ?? URL(fileURLWithPath: template).deletingLastPathComponent().deletingLastPathComponent().path
      let compiled = try Template.compile(path: template, includingFrom: folder, filters: .postDesk)
      document = try compiled.render(json: [UInt8](json), mode: xml ? .xml : .html, dataPath: data)
    } catch {
      throw fail(error.description)
    }
    if let out {
      do {
        try Data(document.utf8).write(to: URL(fileURLWithPath: out))
      } catch {
        throw fail("\(out): cannot write the document (\(error.localizedDescription))")
      }
    } else {
      FileHandle.standardOutput.write(Data(document.utf8))
    }
  }

  /// Writes the located message to standard error as is (no "Error:" prefix, so editors can
  /// jump to `file:line:col`) and ends with exit status 1.
  private func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    return ExitCode(1)
  }
}
