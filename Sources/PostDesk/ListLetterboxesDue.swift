import DigitalPost
import Registry

/// Letterboxes assigned in a window of days, and the notices to custody holders due in it
/// (domain.md §3): the clerk's look-ahead before `letterbox notices`.
public struct ListLetterboxesDue: Sendable {
  /// The registry the children and their custody holders are read from.
  public let registry: Registry

  /// Makes the look-ahead for `registry`.
  public init(registry: Registry) { self.registry = registry }

  /// A child in the window: when the letterbox comes, and when the notice goes.
  public struct Child: Sendable, Equatable {
    /// The child's current record in the registry.
    public var citizen: Citizen
    /// The day the letterbox is assigned: the 15th birthday (1 March for a 29 February birthday in a common year).
    public var dueDate: CivilDate
    /// The day the custody holders are sent the notice, `OurRules.letterboxNoticeDaysBefore` days before `dueDate`.
    public var noticeDate: CivilDate
    /// The custody holders the notice goes to: those alive on the notice date.
    public var noticeRecipients: [CPRNumber] = []
  }

  /// Children whose letterbox is assigned between `first` and `last` (`due`), and those whose
  /// custody holders get the notice in that window (`notices`), both included.
  public func run(from first: CivilDate, to last: CivilDate) throws -> (due: [Child], notices: [Child]) {
    // Everyone whose 15th birthday or notice date can fall in the window, with a few days'
    // margin for 29 February; the rules then decide exactly.
    let born = try registry.citizens(
      bornBetween: Self.fifteenYearsBefore(first).adding(days: -3),
      and: Self.fifteenYearsBefore(last).adding(days: OurRules.letterboxNoticeDaysBefore + 3))
    var due: [Child] = []
    var notices: [Child] = []
    for citizen in born {
      let dueDate = LetterboxRules.dueDate(birthDate: citizen.cpr.birthDate)
      let noticeDate = LetterboxRules.noticeDate(birthDate: citizen.cpr.birthDate)
      var child = Child(citizen: citizen, dueDate: dueDate, noticeDate: noticeDate)
      // A child who died, or lives abroad, gets no letterbox on the birthday and no notice.
      if first <= dueDate && dueDate <= last && LetterboxRules.isAssigned(onDueDate: dueDate, status: citizen.status) {
        due.append(child)
      }
      if first <= noticeDate && noticeDate <= last
        && LetterboxRules.isNoticeSent(on: noticeDate, status: citizen.status)
      {
        let holders = try citizen.custodyHolders.map { ($0, try registry.latestStatus($0)) }
        child.noticeRecipients = LetterboxRules.noticeRecipients(holders, on: noticeDate)
        notices.append(child)
      }
    }
    return (due, notices)
  }

  /// The same day 15 years earlier (28 February for 29 February): the start of the search.
  static func fifteenYearsBefore(_ date: CivilDate) -> CivilDate {
    let year = date.year - LetterboxRules.letterboxAge
    return CivilDate(year: year, month: date.month, day: date.day)
      ?? CivilDate(year: year, month: date.month, day: date.day - 1)!
  }
}
