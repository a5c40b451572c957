import ArgumentParser
import DigitalPost
import Foundation
import PostDesk
import Registry

/// `postdesk citizens`: the citizens in the registry.
struct CitizensCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "citizens", abstract: "Import a CPR extract, or show what the registry says of a citizen.",
    subcommands: [Import.self, Show.self])

  /// `postdesk citizens import FILE.csv`.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import a CPR register extract (CSV, see docs/citizens-csv.md) in one transaction.",
      discussion: "A bad row aborts the import with its line number; nothing of the file is written.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file.csv"), completion: .file(extensions: ["csv"]))
    var file: String

    @Option(help: "The clerk recorded in the audit log.")
    var clerk = "system"

    @Option(help: "The centre (municipality code) recorded in the audit log; 000 for none.")
    var centre = "000"

    @Option(help: ArgumentHelp("The day the extract's data takes effect (default: today).", valueName: "YYYY-MM-DD"))
    var effective: CivilDate?

    func run() throws {
      try reportingFailures(messages.language) {
        let effective = try effective ?? global.today()
        let actor = AuditActor(clerk: clerk, centre: centre, at: try global.now())
        guard FileManager.default.isReadableFile(atPath: file) else {
          throw CommandFailure("cannot read \(file); give the path of a CPR extract in CSV (see docs/citizens-csv.md)")
        }
        let summary = try global.registry().importCitizens(
          csvPath: file, effective: effective, importedOn: global.today(), actor: actor)
        print(
          "imported \(file): \(summary.rows) rows, \(summary.created) created, \(summary.updated) updated, "
            + "\(summary.unchanged) unchanged, effective \(effective) (audit entry \(summary.auditEntryID))")
        if summary.emigrationExemptionsEnded > 0 {
          print("\(summary.emigrationExemptionsEnded) exemption(s) granted for emigration ended: moved back to Denmark")
        }
      }
    }
  }

  /// `postdesk citizens show CPR`.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show a citizen's letterbox, exemption, accesses and channel as of a date.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions

    @Argument(help: ArgumentHelp("The citizen's CPR number.", valueName: "DDMMYY-SSSS"))
    var cpr: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date (default: today).", valueName: "YYYY-MM-DD"))
    var asOf: CivilDate?

    @Flag(help: "Print JSON (sorted keys) instead of text.")
    var json = false

    func run() throws {
      try reportingFailures(messages.language) {
        let number = try parseCPR(cpr)
        let date = try asOf ?? global.today()
        let registry = try global.openRegistry()
        guard let found = try LookUpCitizen(registry: registry).run(number, on: date) else {
          throw CommandFailure(
            "no citizen \(number) in the registry on \(date); import a CPR extract with 'postdesk citizens import FILE.csv'"
          )
        }
        let view = CitizenView(found, cpr: number, asOf: date)
        print(json ? view.json() : view.text())
      }
    }
  }
}
