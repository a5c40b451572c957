import Foundation
import Testing

/// What swift-argument-parser gives every command: `--version`, usage errors that exit 64 with
/// the usage line and touch nothing, closed sets of values listed in help and completion.
@Suite("postdesk command-line conventions, end to end")
struct CommandLineConventionTests {
  let cli: DeskCLI

  init() throws { cli = try DeskCLI() }

  @Test func versionIsPrinted() throws {
    let result = try cli.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout == "postdesk 0.1.0\n")
  }

  /// A value out of a closed set, or a number out of range: status 64, the reason and the
  /// usage, no registry made and no folder written.
  @Test(arguments: [
    (
      ["--post-category", "Express"],
      """
      Error: The value 'Express' is invalid for '--post-category <code>'. Please provide one of the following:
        - Prioritaire
        - Economique
        - Bulk
        - Rekommanderet
        - Rekommanderet med modtagerbevis
        - Forkyndelse
      Help:  --post-category <code>  PostKategoriKode of the print orders.
      """
    ),
    (["--workers", "0"], "Error: --workers must be at least 1, not 0."),
    (["--checkpoint-every=-5"], "Error: --checkpoint-every must be at least 1, not -5."),
  ])
  func usageErrorsExit64WithTheUsage(extra: [String], message: String) throws {
    let result = try cli.run(["letters", "print", "mailing.jsonl", "--out", "batch"] + extra)
    #expect(result.status == 64, "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix(message + "\n"), "\(result)")
    #expect(
      result.stderr.contains("\nUsage: postdesk letters print [<options>] <input> ... --out <dir>\n"), "\(result)")
    #expect(!FileManager.default.fileExists(atPath: cli.path("batch")))
    #expect(!FileManager.default.fileExists(atPath: cli.db))
  }

  /// The closed sets are listed in help, and bash completion offers them and file names.
  @Test func helpAndCompletionListTheClosedSets() throws {
    let help = try cli.run(["letters", "print", "--help"])
    #expect(help.status == 0)
    let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(flat.contains("--format <format> Letters as PDF printed by headless Chromium"))
    #expect(flat.contains("(values: pdf, html; default: pdf)"))
    #expect(flat.contains("(values: Prioritaire, Economique, Bulk, Rekommanderet, Rekommanderet med modtagerbevis"))
    let script = try cli.run(["--generate-completion-script", "bash"])
    #expect(script.status == 0)
    #expect(script.stdout.contains("Rekommanderet med modtagerbevis"))
    #expect(script.stdout.contains("jsonl"))
  }
}
