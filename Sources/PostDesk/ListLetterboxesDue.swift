import DigitalPost
import Registry

/// Letterboxes assigned in a window of days, and the notices to custody holders due in it
/// (domain.md §3): the clerk's look-ahead before `letterbox notices`.
public struct ListLetterboxesDue: Sendable {
  public let registry: Registry

  public init(registry: Registry) { self.registry = registry }

  /// A child in the window: when the letterbox comes, and when the notice goes.
  public struct Child: Sendable, Equatable {
    public var citizen: Citizen
    public var dueDate: CivilDate
    public var noticeDate: CivilDate
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
      // A child who died before the birthday gets no letterbox and no notice.
      if citizen.status.isDeceased(on: dueDate) { continue }
      let child = Child(
        citizen: citizen, dueDate: dueDate, noticeDate: LetterboxRules.noticeDate(birthDate: citizen.cpr.birthDate))
      if first <= child.dueDate && child.dueDate <= last { due.append(child) }
      if first <= child.noticeDate && child.noticeDate <= last { notices.append(child) }
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
