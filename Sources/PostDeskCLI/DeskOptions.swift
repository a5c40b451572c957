import ArgumentParser
import DigitalPost
import Documents
import Foundation
import PostDesk
import PostDeskWeb

/// Options of the commands that write documents: where the templates and letterheads are.
struct DeskOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The templates folder (da/, en/, layout.xhtml, centres.json).",
      discussion: "Default: $POSTDESK_TEMPLATES, else ./templates, else the templates beside the postdesk checkout.",
      valueName: "dir"),
    completion: .directory)
  var templates: String?

  /// The templates folder: `--templates`, `POSTDESK_TEMPLATES`, `./templates`, or the
  /// project's own next to the executable (`.build/debug/postdesk` → `templates/`).
  var templatesFolder: String { templates ?? Self.defaultTemplatesFolder }

  /// The templates folder without `--templates`: `POSTDESK_TEMPLATES`, `./templates`, or the
  /// project's own next to the executable.
  static var defaultTemplatesFolder: String {
    if let env = ProcessInfo.processInfo.environment["POSTDESK_TEMPLATES"] { return env }
    if FileManager.default.fileExists(atPath: "templates/layout.xhtml") { return "templates" }
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    for _ in 0..<4 {
      folder = folder.deletingLastPathComponent()
      let candidate = folder.appendingPathComponent("templates")
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("layout.xhtml").path) {
        return candidate.path
      }
    }
    return "templates"
  }

  /// The desk on the registry of `global`, with today and now from the environment.
  func desk(_ global: GlobalOptions) throws -> Desk {
    let folder = templatesFolder
    let centresPath = "\(folder)/centres.json"
    guard FileManager.default.fileExists(atPath: centresPath) else {
      throw CommandFailure("no \(centresPath); give the templates folder with --templates DIR")
    }
    return Desk(
      registry: try global.openRegistry(), documents: DocumentLibrary(folder: folder),
      centres: try CentreDirectory(file: centresPath), printer: ChromiumDocumentPrinter.shared,
      today: try global.today(), now: try global.now())
  }
}

extension DocumentFormat {
  /// The format of a document the user asked to be written to `path`: PDF for a name ending
  /// in `.pdf` (printed by headless Chromium), else HTML, as the options' help says.
  init(path: String) {
    self = path.lowercased().hasSuffix(".pdf") ? .pdf : .html
  }
}

/// Parses a CPR number argument, or says what is wrong with it (`reportingFailures` words
/// the `CPRNumber.ParseError` in the messages' language).
func parseCPR(_ text: String) throws -> CPRNumber {
  try CPRNumber(parsing: text)
}

/// Parses a municipality code option.
func parseCentre(_ text: String?) throws -> MunicipalityCode? {
  guard let text else { return nil }
  guard let number = Int(text), let code = MunicipalityCode(number) else {
    throw CommandFailure("--centre \(text) is not a municipality code; give its three digits, e.g. --centre 751")
  }
  return code
}

/// The centre named by `--centre`, else `POSTDESK_CENTRE` (the workstation's centre).
func centreOption(_ text: String?) throws -> MunicipalityCode? {
  try parseCentre(text ?? ProcessInfo.processInfo.environment["POSTDESK_CENTRE"])
}
