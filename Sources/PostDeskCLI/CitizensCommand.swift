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

/// What `citizens show` prints: every CPR number masked, every rule asked of DigitalPost.
struct CitizenView: Encodable {
  struct Exemption: Encodable {
    var criteria: [String]
    var since: String
  }
  struct Access: Encodable {
    var helper: String
    var level: String
    var until: String
  }
  var cpr: String
  var name: String
  var asOf: String
  var birthDate: String
  var age: Int
  var letterbox: String
  var letterboxDate: String?
  var exemption: Exemption?
  var accesses: [Access]
  var channel: String
  var channelReason: String

  init(_ look: LookUpCitizen.Found, cpr: CPRNumber, asOf date: CivilDate) {
    let found = look.citizen
    let accesses = look.given.map(\.record)
    let exemption = found.exemption
    self.cpr = cpr.masked
    self.name = found.state.citizen.name
    self.asOf = date.iso
    self.birthDate = cpr.birthDate.iso
    self.age = LetterboxRules.age(of: cpr, on: date)
    self.letterbox = found.letterbox.name
    self.letterboxDate = found.letterboxDate?.iso
    self.exemption = exemption.map { Exemption(criteria: $0.criteria.map(\.rawValue), since: $0.since.iso) }
    self.accesses = accesses.map {
      Access(helper: $0.helper.masked, level: $0.level.rawValue, until: $0.until.iso)
    }
    self.channel = found.route.channel.name
    self.channelReason = found.route.reason
  }

  func encode(to encoder: any Encoder) throws {
    enum Key: String, CodingKey {
      case cpr, name, asOf, birthDate, age, letterbox, letterboxDate, exemption, accesses, channel, channelReason
    }
    // Absent values are written as null, so every key is always there.
    var c = encoder.container(keyedBy: Key.self)
    try c.encode(cpr, forKey: .cpr)
    try c.encode(name, forKey: .name)
    try c.encode(asOf, forKey: .asOf)
    try c.encode(birthDate, forKey: .birthDate)
    try c.encode(age, forKey: .age)
    try c.encode(letterbox, forKey: .letterbox)
    try c.encode(letterboxDate, forKey: .letterboxDate)
    try c.encode(exemption, forKey: .exemption)
    try c.encode(accesses, forKey: .accesses)
    try c.encode(channel, forKey: .channel)
    try c.encode(channelReason, forKey: .channelReason)
  }

  /// Sorted keys, pretty-printed: the same bytes on every run.
  func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try! encoder.encode(self), as: UTF8.self)
  }

  /// The form a clerk reads at the desk.
  func text() -> String {
    var lines = ["\(cpr)  \(name)", "  born \(birthDate), age \(age) on \(asOf)"]
    lines.append("  letterbox: \(letterbox)" + (letterboxDate.map { " (\($0))" } ?? ""))
    if let exemption {
      lines.append("  exemption: since \(exemption.since), criteria \(exemption.criteria.joined(separator: ", "))")
    } else {
      lines.append("  exemption: none")
    }
    if accesses.isEmpty { lines.append("  accesses: none") }
    for access in accesses {
      lines.append("  access: \(access.helper) \(access.level) until \(access.until)")
    }
    lines.append("  channel: \(channel) (\(channelReason))")
    return lines.joined(separator: "\n")
  }
}
