import ArgumentParser
import DigitalPost
import Documents
import PostDesk

/// `postdesk access`: another person's access to a citizen's Digital Post.
struct AccessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "access", abstract: "Delegated access to Digital Post: grant, revoke, give up, list.",
    subcommands: [Grant.self, Revoke.self, GiveUp.self, List.self])

  /// `postdesk access grant OWNER HELPER --level … --until … --consent … --id … --clerk ID --out DIR`.
  struct Grant: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Give a helper access to an owner's Digital Post, or change it; writes both letters.",
      discussion: """
        Levels: read, read-write. Consent: in-person (the owner is here) or power-of-attorney.
        Identity documents (--id KIND[:EXPIRES], of the person appearing for the owner): \
        \(IdentityDocumentKind.allCases.map(\.rawValue).joined(separator: ", ")).
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions
    @OptionGroup var deskOptions: DeskOptions

    @Argument(help: "The owner's CPR number.")
    var owner: String

    @Argument(help: "The helper's CPR number.")
    var helper: String

    @Option(help: "read or read-write.")
    var level: AccessLevel

    @Option(help: ArgumentHelp("The last day of the access.", valueName: "YYYY-MM-DD"))
    var until: CivilDate

    @Option(help: "in-person or power-of-attorney.")
    var consent: DelegatedAccess.Consent

    @Option(name: .customLong("id"), help: ArgumentHelp("An identity document presented.", valueName: "kind[:expires]"))
    var documents: [String] = []

    @Option(help: "The clerk's id.")
    var clerk: String

    @Option(help: "The centre's municipality code (default: the owner's).")
    var centre: String?

    @Flag(help: "The owner is exempt and agrees that the exemption ends, so that the helper can read the post.")
    var liftExemption = false

    @Option(
      help: ArgumentHelp("The folder for the owner's confirmation and the helper's notice.", valueName: "dir"),
      completion: .directory)
    var out: String

    @Option(help: ArgumentHelp("The letters as HTML, or as PDF printed by headless Chromium.", valueName: "format"))
    var format = DocumentFormat.html

    func run() throws {
      try reportingFailures(messages.language) {
        let owner = try parseCPR(owner)
        let helper = try parseCPR(helper)
        let documents = try documents.map { text throws(DomainError) in try PresentedDocument(parsing: text) }
        let desk = try deskOptions.desk(global)
        let request = AccessRequest(
          owner: owner, helper: helper, level: level, from: desk.today, until: until, consent: consent,
          documents: documents, exemptionLiftConfirmed: liftExemption)
        let folder = DocumentFolder(out)
        let result = try GrantAccess(desk: desk).run(
          request, clerk: CounterClerk(id: clerk, centre: centreOption(centre)), formats: [format], into: folder)
        switch result.kind {
        case .unchanged:
          print("\(helper) already has \(level.rawValue) access to \(owner) until \(until); nothing changed")
          return
        case .new:
          print("Access granted: \(helper) may \(level.rawValue) the Digital Post of \(owner) until \(until)")
        case .changed:
          print("Access changed: \(helper) may \(level.rawValue) the Digital Post of \(owner) until \(until)")
        }
        if result.liftedExemption { print("The exemption of \(owner) is lifted from \(desk.today)") }
        for letter in result.letters { print("  letter: \(folder.path(of: letter))") }
      }
    }
  }

  /// `postdesk access revoke OWNER HELPER --clerk ID`.
  struct Revoke: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "End a helper's access at the owner's request.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions
    @OptionGroup var deskOptions: DeskOptions

    @Argument(help: "The owner's CPR number.")
    var owner: String

    @Argument(help: "The helper's CPR number.")
    var helper: String

    @Option(help: "The clerk's id.")
    var clerk: String

    @Option(help: "The centre's municipality code (default: the owner's).")
    var centre: String?

    func run() throws {
      try reportingFailures(messages.language) {
        let owner = try parseCPR(owner)
        let helper = try parseCPR(helper)
        let desk = try deskOptions.desk(global)
        try RevokeAccess(desk: desk).run(
          owner: owner, helper: helper, clerk: CounterClerk(id: clerk, centre: centreOption(centre)))
        print("Access of \(helper) to the Digital Post of \(owner) revoked on \(desk.today)")
      }
    }
  }

  /// `postdesk access give-up OWNER HELPER --clerk ID --out DIR`.
  struct GiveUp: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "give-up", abstract: "End a helper's access at the helper's request; writes the owner's letter.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions
    @OptionGroup var deskOptions: DeskOptions

    @Argument(help: "The owner's CPR number.")
    var owner: String

    @Argument(help: "The helper's CPR number.")
    var helper: String

    @Option(help: "The clerk's id.")
    var clerk: String

    @Option(help: "The centre's municipality code (default: the helper's).")
    var centre: String?

    @Option(help: ArgumentHelp("The folder for the letter to the owner.", valueName: "dir"), completion: .directory)
    var out: String

    @Option(help: ArgumentHelp("The letter as HTML, or as PDF printed by headless Chromium.", valueName: "format"))
    var format = DocumentFormat.html

    func run() throws {
      try reportingFailures(messages.language) {
        let owner = try parseCPR(owner)
        let helper = try parseCPR(helper)
        let desk = try deskOptions.desk(global)
        let folder = DocumentFolder(out)
        let result = try GiveUpAccess(desk: desk).run(
          owner: owner, helper: helper, clerk: CounterClerk(id: clerk, centre: centreOption(centre)),
          formats: [format], into: folder)
        print("Access of \(helper) to the Digital Post of \(owner) given up on \(desk.today)")
        print("  letter: \(folder.path(of: result.letters[0]))")
      }
    }
  }

  /// `postdesk access list CPR`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The accesses in force today that a citizen has given and holds.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions
    @OptionGroup var deskOptions: DeskOptions

    @Argument(help: "The citizen's CPR number.")
    var cpr: String

    func run() throws {
      try reportingFailures(messages.language) {
        let cpr = try parseCPR(cpr)
        let desk = try deskOptions.desk(global)
        let (given, held) = try ListAccesses(desk: desk).run(cpr: cpr)
        func list(_ title: String, _ entries: [ListAccesses.Entry]) {
          print(title)
          if entries.isEmpty { print("  none") }
          for e in entries { print("  \(e.other)  \(e.otherName)  \(e.level.rawValue)  \(e.from) to \(e.until)") }
        }
        list("Access to the Digital Post of \(cpr) on \(desk.today):", given)
        list("\(cpr) has access to the Digital Post of:", held)
      }
    }
  }
}
