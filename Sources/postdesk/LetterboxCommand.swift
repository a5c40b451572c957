import ArgumentParser
import DigitalPost
import Registry

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

    @Option(help: ArgumentHelp("The first day of the window.", valueName: "YYYY-MM-DD"))
    var from: String

    @Option(help: ArgumentHelp("The last day of the window.", valueName: "YYYY-MM-DD"))
    var to: String

    func run() throws {
      try reportingFailures {
        let first = try parseDate(from, option: "--from")
        let last = try parseDate(to, option: "--to")
        guard first <= last else { throw CommandFailure("--from \(first) is after --to \(last); swap them") }
        let registry = try global.openRegistry()
        // Everyone whose 15th birthday or notice date can fall in the window, with a few
        // days' margin for 29 February; the rules then decide exactly.
        let noticeDays = OurRules.letterboxNoticeDaysBefore
        let born = try registry.citizens(
          bornBetween: Self.fifteenYearsBefore(first).adding(days: -3),
          and: Self.fifteenYearsBefore(last).adding(days: noticeDays + 3))
        var due: [String] = []
        var notices: [String] = []
        for citizen in born {
          let dueDate = LetterboxRules.dueDate(birthDate: citizen.cpr.birthDate)
          // A child who died before the birthday gets no letterbox and no notice.
          if case .deceased(let died) = citizen.status, died <= dueDate { continue }
          if first <= dueDate && dueDate <= last {
            due.append("  \(dueDate)  \(citizen.cpr)  \(citizen.name)")
          }
          let notice = LetterboxRules.noticeDate(birthDate: citizen.cpr.birthDate)
          if first <= notice && notice <= last {
            let holders =
              citizen.custodyHolders.isEmpty
              ? "no custody holder recorded" : "to " + citizen.custodyHolders.map(\.masked).joined(separator: ", ")
            notices.append("  \(notice)  \(citizen.cpr)  \(citizen.name) (due \(dueDate)): \(holders)")
          }
        }
        print("Letterboxes assigned \(first) to \(last): \(due.count)")
        for line in due.sorted() { print(line) }
        print("Notices to custody holders \(first) to \(last): \(notices.count)")
        for line in notices.sorted() { print(line) }
      }
    }

    /// The same day 15 years earlier (28 February for 29 February): the start of the search.
    static func fifteenYearsBefore(_ date: CivilDate) -> CivilDate {
      let year = date.year - LetterboxRules.letterboxAge
      return CivilDate(year: year, month: date.month, day: date.day)
        ?? CivilDate(year: year, month: date.month, day: date.day - 1)!
    }
  }
}
