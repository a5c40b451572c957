import ArgumentParser
import DigitalPost
import PostDesk

/// `postdesk letterbox`: letterboxes assigned on the 15th birthday.
struct LetterboxCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "letterbox", abstract: "Letterboxes due to be assigned, and notices due to custody holders.",
    subcommands: [Due.self, LetterboxNoticesCommand.self])

  /// `postdesk letterbox due --from D --to D`.
  struct Due: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List letterboxes assigned, and custody-holder notices sent, between two dates (both included).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions

    @Option(help: ArgumentHelp("The first day of the window.", valueName: "YYYY-MM-DD"))
    var from: CivilDate

    @Option(help: ArgumentHelp("The last day of the window.", valueName: "YYYY-MM-DD"))
    var to: CivilDate

    func run() throws {
      try reportingFailures(messages.language) {
        let (first, last) = (from, to)
        guard first <= last else { throw CommandFailure("--from \(first) is after --to \(last); swap them") }
        let (children, noticed) = try ListLetterboxesDue(registry: global.openRegistry()).run(from: first, to: last)
        let due = children.map { "  \($0.dueDate)  \($0.citizen.cpr)  \($0.citizen.name)" }
        let notices = noticed.map { child in
          let holders =
            child.citizen.custodyHolders.isEmpty
            ? "no custody holder recorded"
            : child.noticeRecipients.isEmpty
              ? "no living custody holder recorded"
              : "to " + child.noticeRecipients.map(\.masked).joined(separator: ", ")
          return "  \(child.noticeDate)  \(child.citizen.cpr)  \(child.citizen.name) (due \(child.dueDate)): \(holders)"
        }
        print("Letterboxes assigned \(first) to \(last): \(due.count)")
        for line in due.sorted() { print(line) }
        print("Notices to custody holders \(first) to \(last): \(notices.count)")
        for line in notices.sorted() { print(line) }
      }
    }
  }
}
