import ArgumentParser
import DigitalPost
import Documents
import Foundation
import PostDesk

/// `postdesk exemption`: the application form, applications, decisions and withdrawals.
struct ExemptionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exemption", abstract: "Exemption from Digital Post: form, application, decision, withdrawal.",
    subcommands: [Form.self, Apply.self, Pending.self, Decide.self, Withdraw.self, WithdrawApplication.self])

  /// `postdesk exemption form [CPR] --out FILE.html`.
  struct Form: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the application form FD 001a, blank or pre-filled from the registry.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var deskOptions: DeskOptions

    @Argument(help: "The citizen's CPR number; leave out for a blank form.")
    var cpr: String?

    @Option(help: "The form's language: da or en (default: the citizen's, else da).")
    var lang: Language?

    @Option(help: "The centre's municipality code (default: $POSTDESK_CENTRE, else the citizen's).")
    var centre: String?

    @Option(help: "The clerk printing the form (signs as 'received by').")
    var clerk: String?

    @Option(
      help: ArgumentHelp(
        "Where to write the form: HTML, or PDF (A4, printed by headless Chromium) for a name ending in .pdf.",
        valueName: "file.html|file.pdf"),
      completion: .file(extensions: ["html", "pdf"]))
    var out: String

    func run() throws {
      try reportingFailures {
        let cpr = try cpr.map(parseCPR)
        let result = try PrintExemptionForm(desk: deskOptions.desk(global)).run(
          cpr: cpr, language: lang, centre: centreOption(centre), clerk: clerk, format: DocumentFormat(path: out),
          into: DocumentFolder(path: { _ in out }))
        print("\(result.prefilled ? "Pre-filled" : "Blank") form (\(result.language.rawValue)): \(out)")
      }
    }
  }

  /// `postdesk exemption apply CPR --criterion … --id … --centre CODE --clerk ID`.
  struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record an application for exemption, handed in with the declaration on honour signed.",
      discussion: """
        Criteria (--criterion, any number, may be left out): \
        \(ExemptionCriterion.allCases.map(\.rawValue).joined(separator: ", ")).
        Identity documents (--id KIND[:EXPIRES], of the person appearing): \
        \(IdentityDocumentKind.allCases.map(\.rawValue).joined(separator: ", ")).
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions
    @OptionGroup var deskOptions: DeskOptions

    @Argument(help: "The citizen's CPR number.")
    var cpr: String

    @Option(name: .customLong("criterion"), help: ArgumentHelp("A criterion the citizen ticked.", valueName: "name"))
    var criteria: [String] = []

    @Option(name: .customLong("id"), help: ArgumentHelp("An identity document presented.", valueName: "kind[:expires]"))
    var documents: [String] = []

    @Option(help: ArgumentHelp("Someone applying on the citizen's behalf.", valueName: "name-or-cpr"))
    var onBehalf: String?

    @Option(help: "Their authority: power-of-attorney or guardian.")
    var authority: Representative.Authority?

    @Option(help: "The centre's municipality code.")
    var centre: String

    @Option(help: "The clerk's id.")
    var clerk: String

    @Flag(help: "The citizen asks for unopened Digital Post of the last 6 months on paper.")
    var paperCopies = false

    func run() throws {
      try reportingFailures(messages.language) {
        let cpr = try parseCPR(cpr)
        let criteria = try Set(criteria.map { text throws(DomainError) in try ExemptionCriterion(parsing: text) })
        let documents = try documents.map { text throws(DomainError) in try PresentedDocument(parsing: text) }
        var onBehalf: (ApplyForExemption.OnBehalf, Representative.Authority)?
        switch (self.onBehalf, authority) {
        case (nil, nil): break
        case (let who?, let authority?):
          onBehalf = ((try? CPRNumber(parsing: who)).map { .cpr($0) } ?? .name(who), authority)
        case (_?, nil):
          throw CommandFailure("--on-behalf needs --authority power-of-attorney or --authority guardian")
        case (nil, _?):
          throw CommandFailure("--authority goes with --on-behalf NAME_OR_CPR: who applies on the citizen's behalf?")
        }
        let desk = try deskOptions.desk(global)
        let clerk = try Clerk(id: clerk, centre: parseCentre(centre)!)
        let result = try ApplyForExemption(desk: desk).run(
          cpr: cpr, criteria: criteria, documents: documents, onBehalf: onBehalf, paperCopies: paperCopies,
          clerk: clerk)
        print("Application \(result.applicationID) recorded (\(result.reference)) for \(cpr)")
      }
    }
  }

  /// `postdesk exemption pending [--centre CODE]`: the work queue.
  struct Pending: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the applications that await a decision, oldest first.",
      discussion: """
        One line per application: its number, the day received, the citizen (masked), the criteria \
        ticked, the centre that received it and the municipality that decides it (the citizen's, as \
        registered today: the day the decision reads them on).
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions
    @OptionGroup var deskOptions: DeskOptions

    @Option(help: "Only the applications this municipality decides (its code, e.g. 751).")
    var centre: String?

    func run() throws {
      try reportingFailures(messages.language) {
        let queue = ListPendingApplications(desk: try deskOptions.desk(global))
        let entries = try queue.run(deciding: parseCentre(centre))
        let asOf = queue.asOf.iso
        let words = MessageCatalogue(messages.language)
        guard !entries.isEmpty else {
          print(
            centre.map { words.text("pending.noneFor", ["centre": $0, "date": asOf]) } ?? words.text("pending.none"))
          return
        }
        print(words.text("pending.asOf", ["date": asOf]))
        let columns = ["number", "received", "citizen", "criteria", "receivedAt", "deciding"]
        let rows =
          [columns.map { words.text("pending.\($0)") }]
          + entries.map { entry in
            [
              String(entry.id), entry.receivedOn.iso, entry.cpr.masked,
              entry.criteria.isEmpty ? "-" : entry.criteria.map(\.rawValue).joined(separator: ","), entry.receivedAt,
              entry.deciding.description,
            ]
          }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
          let cells = row.enumerated().map { column, cell in
            column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
          }
          print(cells.joined(separator: "  "))
        }
      }
    }
  }

  /// `postdesk exemption decide APPLICATION --grant | --refuse REASON --clerk ID --out LETTER.html`.
  struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Grant or refuse an application, and write the decision letter.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions
    @OptionGroup var deskOptions: DeskOptions

    @Argument(help: "The application number that 'exemption apply' printed.")
    var application: Int64

    @Flag(help: "Grant the exemption from today.")
    var grant = false

    @Option(help: ArgumentHelp("Refuse, with the reason as the letter states it.", valueName: "reason"))
    var refuse: String?

    @Flag(
      help: """
        With --grant: the citizen has given helpers access, and the exemption ends it (a helper can only read \
        digital post); each helper gets a letter beside the decision letter.
        """)
    var endAccess = false

    @Option(help: "The clerk's id.")
    var clerk: String

    @Option(
      help: ArgumentHelp(
        "The centre recording the decision: it must be the deciding municipality (the citizen's).",
        discussion:
          "Default: $POSTDESK_CENTRE (the workstation's centre), checked the same way; with neither, the decision is "
          + "recorded as the deciding municipality's."))
    var centre: String?

    @Option(help: "The applicant's CPR number: the application must be theirs.")
    var citizen: String?

    @Option(
      help: ArgumentHelp(
        "Where to write the decision letter: HTML, or PDF (A4, printed by headless Chromium) for a name ending in .pdf.",
        valueName: "letter.html|letter.pdf"),
      completion: .file(extensions: ["html", "pdf"]))
    var out: String

    func validate() throws {
      guard grant != (refuse != nil) else {
        throw ValidationError("say either --grant or --refuse REASON")
      }
      if let refuse, refuse.trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError("--refuse needs the reason, as the letter should state it")
      }
      if endAccess && !grant {
        throw ValidationError("--end-access goes with --grant: a refusal ends no access")
      }
    }

    func run() throws {
      try reportingFailures(messages.language) {
        let verdict: DecideExemption.Verdict = refuse.map { .refuse(reason: $0) } ?? .grant
        let applicant = try citizen.map(parseCPR)
        let out = out
        // The decision letter where the user said; each helper's letter beside it (a relative
        // path stays relative).
        let folder = DocumentFolder { letter in
          letter.name == DecideExemption.letterName
            ? out : ((out as NSString).deletingLastPathComponent as NSString).appendingPathComponent(letter.fileName)
        }
        let result = try DecideExemption(desk: deskOptions.desk(global)).run(
          applicationID: application, verdict: verdict, clerk: CounterClerk(id: clerk, centre: centreOption(centre)),
          format: DocumentFormat(path: out), applicant: applicant, endAccess: endAccess, into: folder)
        print(
          "Application \(application) \(result.granted ? "granted" : "refused") (\(result.reference)); "
            + "letter: \(folder.path(of: result.letter))")
        for (access, letter) in zip(result.endedAccesses, result.helperLetters) {
          print(
            "Access of \(access.helper) to the Digital Post of \(access.owner) ended "
              + "(\(AccessEndReason.ownerExempted.wording)); letter: \(folder.path(of: letter))")
        }
      }
    }
  }

  /// `postdesk exemption withdraw CPR --clerk ID`.
  struct Withdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "End a citizen's exemption at their request: their post is digital again from today.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions
    @OptionGroup var deskOptions: DeskOptions

    @Argument(help: "The citizen's CPR number.")
    var cpr: String

    @Option(help: "The clerk's id.")
    var clerk: String

    @Option(help: "The centre's municipality code (default: the citizen's).")
    var centre: String?

    func run() throws {
      try reportingFailures(messages.language) {
        let cpr = try parseCPR(cpr)
        let desk = try deskOptions.desk(global)
        try WithdrawExemption(desk: desk).run(cpr: cpr, clerk: CounterClerk(id: clerk, centre: centreOption(centre)))
        print("Exemption of \(cpr) withdrawn on \(desk.today); Digital Post from today")
      }
    }
  }

  /// `postdesk exemption withdraw-application APPLICATION --clerk ID`.
  struct WithdrawApplication: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Close an application the applicant withdrew before it was decided: no decision, no letter.",
      discussion: """
        The application leaves the work queue, and the citizen may hand in a new one. Only an application \
        that awaits a decision can be withdrawn; the withdrawal is audited.
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions
    @OptionGroup var deskOptions: DeskOptions

    @Argument(help: "The application number that 'exemption apply' printed.")
    var application: Int64

    @Option(help: "The clerk's id.")
    var clerk: String

    @Option(help: "The centre's municipality code (default: the citizen's).")
    var centre: String?

    func run() throws {
      try reportingFailures(messages.language) {
        let desk = try deskOptions.desk(global)
        let result = try PostDesk.WithdrawApplication(desk: desk).run(
          applicationID: application, clerk: CounterClerk(id: clerk, centre: centreOption(centre)))
        print(
          "Application \(application) (\(result.reference)) of \(result.cpr) withdrawn by the applicant on "
            + "\(desk.today); no decision, no letter")
      }
    }
  }
}

extension Language: ExpressibleByArgument {}
extension Representative.Authority: ExpressibleByArgument {}
extension AccessLevel: ExpressibleByArgument {}
extension DelegatedAccess.Consent: ExpressibleByArgument {}
