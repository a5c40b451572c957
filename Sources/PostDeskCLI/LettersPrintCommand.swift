import ArgumentParser
import BatchPrinting
import DigitalPost
import Documents
import Foundation
import PostDesk

/// `postdesk letters print INPUT... --out DIR`: one batch folder per mailing (see docs/batch.md).
struct LettersPrintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "print",
    abstract: "Route and print a mailing (JSON Lines) or MeMo messages into a batch folder.",
    discussion: """
      Each letter goes to the channel domain.md §7 chooses as of the letter date (or --as-of): \
      paper letters (PDF) and their OIO Fjernprint print orders under print/POSTCODE/, letterbox \
      messages (MeMo 1.2) under digital/, letters held for collection under held/, and \
      undeliverable.csv, rejects.csv and manifest.xml. Killed at any moment, --resume finishes \
      the batch with exactly the output an uninterrupted run gives. See docs/batch.md.
      """
  )

  @OptionGroup var global: GlobalOptions
  @OptionGroup var desk: DeskOptions

  @Argument(
    help: ArgumentHelp("Mailings (.jsonl), MeMo messages (.xml) or folders of them.", valueName: "input"),
    completion: .file(extensions: ["jsonl", "xml"]))
  var inputs: [String]

  @Option(
    help: ArgumentHelp("The batch folder (new or empty, or the one to resume).", valueName: "dir"),
    completion: .directory)
  var out: String

  @Option(help: ArgumentHelp("Route every letter as of this date instead of its own.", valueName: "YYYY-MM-DD"))
  var asOf: CivilDate?

  @Flag(help: "Finish the interrupted batch in --out.")
  var resume = false

  @Flag(help: "Replace whatever --out holds, a finished batch included.")
  var overwrite = false

  @Flag(help: "No progress and no summary.")
  var quiet = false

  @Option(
    help: ArgumentHelp(
      "Letters as PDF printed by headless Chromium (Debian package chromium), or as HTML for a preview.",
      valueName: "format"))
  var format = DocumentFormat.pdf

  @Option(help: ArgumentHelp("PostKategoriKode of the print orders.", valueName: "code"))
  var postCategory = BatchPrintSettings.PostCategory.economique

  @Option(
    help: ArgumentHelp(
      "The MeMo 1.2 schema input messages are validated against.",
      discussion: "Default: $POSTDESK_SCHEMAS/memo-1.2/MeMo_core.xsd, else schemas/ beside the templates folder.",
      valueName: "path"),
    completion: .file(extensions: ["xsd"]))
  var memoSchema: String?

  @Option(help: ArgumentHelp("Letters per checkpoint (outputs synced and journaled).", valueName: "n"))
  var checkpointEvery = 2048

  @Option(help: ArgumentHelp("Worker threads.", valueName: "n"))
  var workers = 2

  @Option(
    help: ArgumentHelp(
      "The most pages a letter (and each PDF enclosure) may have; a longer one is rejected.", valueName: "n"))
  var maxPages = BatchPrinter.Options.defaultMaxPages

  func validate() throws {
    guard checkpointEvery > 0 else {
      throw ValidationError("--checkpoint-every must be at least 1, not \(checkpointEvery).")
    }
    guard workers > 0 else { throw ValidationError("--workers must be at least 1, not \(workers).") }
    guard maxPages > 0 else { throw ValidationError("--max-pages must be at least 1, not \(maxPages).") }
  }

  func run() throws {
    try reportingFailures {
      let templates = desk.templatesFolder
      var options = BatchPrinter.Options(
        inputs: inputs, folder: out, templatesFolder: templates, memoSchema: memoSchemaPath(templates: templates))
      options.asOf = asOf
      options.format = format
      options.resume = resume
      options.overwrite = overwrite
      options.settings.postCategory = postCategory
      options.checkpointEvery = checkpointEvery
      options.workers = workers
      options.maxPages = maxPages
      let printer = BatchPrinter(registry: try global.openRegistry(), options: options)
      let meter = ProgressMeter(quiet: quiet)
      let started = Date()
      let summary: BatchPrinter.Summary
      do { summary = try printer.run { meter.show($0) } } catch let error as BatchError {
        meter.finish()
        throw CommandFailure(error.message)
      }
      meter.finish()
      // Said even when quiet: the operator may have to take a message out and print again.
      for warning in summary.warnings { printError("warning: \(warning)") }
      guard !quiet else { return }
      let seconds = Date().timeIntervalSince(started)
      var lines = [
        "Batch \(summary.batchID.prefix(16)): \(summary.letters) letters in \(String(format: "%.1f", seconds)) s"
      ]
      if summary.resumedAt > 0 { lines[0] += " (resumed after letter \(summary.resumedAt))" }
      let outcomes = BatchOutcome.routed.map {
        "\($0.rawValue) \(summary.outcomes[$0] ?? 0)"
      }
      lines.append("  letters:    " + outcomes.joined(separator: ", ") + ", rejected \(summary.rejected)")
      let deliveries = BatchChannel.allCases.map { "\($0.rawValue) \(summary.deliveries[$0] ?? 0)" }
      lines.append("  deliveries: " + deliveries.joined(separator: ", ") + " (custody holders' copies included)")
      if summary.rejected > 0 { lines.append("  rejects:    \(out)/rejects.csv") }
      lines.append("  manifest:   \(summary.manifest)")
      printError(lines.joined(separator: "\n"))
    }
  }

  /// `--memo-schema`, else `$POSTDESK_SCHEMAS/memo-1.2/MeMo_core.xsd`, else the `schemas/`
  /// folder that ships beside the templates folder.
  private func memoSchemaPath(templates: String) -> String {
    if let memoSchema { return memoSchema }
    if let folder = ProcessInfo.processInfo.environment["POSTDESK_SCHEMAS"] {
      return "\(folder)/memo-1.2/MeMo_core.xsd"
    }
    return URL(fileURLWithPath: templates).standardizedFileURL.deletingLastPathComponent()
      .appendingPathComponent("schemas/memo-1.2/MeMo_core.xsd").path
  }
}
