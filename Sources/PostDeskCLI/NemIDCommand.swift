import ArgumentParser
import DigitalPost
import PostDesk

/// `postdesk nemid`: NemID/MitID at the centre.
struct NemIDCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nemid", abstract: "NemID/MitID: whether a citizen can obtain it at the centre.",
    subcommands: [Check.self])

  /// `postdesk nemid check CPR --id … [--short-stay [--witness]]`.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Say whether a citizen can obtain NemID/MitID today, and why; exits 0 either way.",
      discussion: """
        Needs a CPR number, age 15 or more, and the ID requirements (one photo ID, or two documents without \
        photo; then the code card comes by post). Someone in Denmark only a short time brings a witness who \
        testifies with a sworn statement. Not being eligible supports exemption criterion 5.
        Identity documents (--id KIND[:EXPIRES]): \
        \(IdentityDocumentKind.allCases.map(\.rawValue).joined(separator: ", ")).
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions
    @OptionGroup var deskOptions: DeskOptions

    @Argument(help: "The citizen's CPR number.")
    var cpr: String

    @Option(name: .customLong("id"), help: ArgumentHelp("An identity document presented.", valueName: "kind[:expires]"))
    var documents: [String] = []

    @Flag(help: "The citizen has been in Denmark only a short time.")
    var shortStay = false

    @Flag(help: "A witness testified with a sworn statement (for a short stay).")
    var witness = false

    func run() throws {
      try reportingFailures(messages.language) {
        let cpr = try parseCPR(cpr)
        let documents = try documents.map { text throws(DomainError) in try PresentedDocument(parsing: text) }
        let result = try CheckNemID(desk: deskOptions.desk(global)).run(
          cpr: cpr, documents: documents, inDenmarkShortTime: shortStay, witnessTestified: witness)
        print(MessageOptions.wording(messages.language).nemID(result, for: cpr))
      }
    }
  }
}
