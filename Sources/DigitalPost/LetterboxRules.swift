/// The rules of the letterbox (domain.md §3).
public enum LetterboxRules {
  /// The age at which the letterbox is assigned.
  public static let letterboxAge = 15

  /// The day the letterbox is assigned: the 15th birthday; for someone born on
  /// 29 February, 1 March when the 15th birthday falls in a common year (our rule).
  public static func dueDate(birthDate: CivilDate) -> CivilDate { birthDate.birthday(turning: letterboxAge) }

  /// Whether the letterbox is assigned on the 15th birthday `due` to a citizen whose current
  /// CPR status is `status`: only to those living in Denmark (Act §3(1)). A child registered
  /// abroad then gets it when registered as living in Denmark again; one who moves abroad
  /// later keeps it (Act §3(4)).
  public static func isAssigned(onDueDate due: CivilDate, status: CPRStatus) -> Bool {
    !status.isEmigrated(on: due) && !status.isDeceased(on: due)
  }

  /// Whether the custody holders of a child whose current CPR status is `status` are sent
  /// the letterbox notice on `date`: not when the child is registered abroad or has died,
  /// since no letterbox will be assigned on the birthday.
  public static func isNoticeSent(on date: CivilDate, status: CPRStatus) -> Bool {
    !status.isEmigrated(on: date) && !status.isDeceased(on: date)
  }

  /// The custody holders who are sent the notice: those alive on `date`, by their current
  /// CPR status (nil when not in the register, and so not known to be alive).
  public static func noticeRecipients(_ holders: [(CPRNumber, CPRStatus?)], on date: CivilDate) -> [CPRNumber] {
    holders.compactMap { holder, status in
      guard let status, !status.isDeceased(on: date) else { return nil }
      return holder
    }
  }

  /// The day custody holders are sent the letterbox notice.
  public static func noticeDate(birthDate: CivilDate) -> CivilDate {
    dueDate(birthDate: birthDate).adding(days: -OurRules.letterboxNoticeDaysBefore)
  }

  /// The birth dates whose letterbox is due on `date`: for the daily job that assigns
  /// letterboxes. On 1 March of a year whose 15th year before was a leap year this includes
  /// 29 February of that year (our rule).
  public static func birthDates(dueOn date: CivilDate) -> [CivilDate] {
    let year = date.year - letterboxAge
    let candidates = [
      CivilDate(year: year, month: date.month, day: date.day), CivilDate(year: year, month: 2, day: 29),
    ]
    var result: [CivilDate] = []
    for case let birth? in candidates where dueDate(birthDate: birth) == date && !result.contains(birth) {
      result.append(birth)
    }
    return result
  }

  /// The birth dates whose custody holders are sent the letterbox notice on `date`.
  public static func birthDates(noticeOn date: CivilDate) -> [CivilDate] {
    birthDates(dueOn: date.adding(days: OurRules.letterboxNoticeDaysBefore))
  }

  /// The citizen's age in whole years on `date`.
  public static func age(of cpr: CPRNumber, on date: CivilDate) -> Int {
    cpr.birthDate.wholeYears(until: date)
  }

  /// The letterbox of `state.citizen` on `date`.
  public static func state(of state: RecipientState, on date: CivilDate) -> LetterboxState {
    if case .deceased(let died) = state.citizen.status, died <= date { return .closed(on: died) }
    let due = dueDate(birthDate: state.citizen.cpr.birthDate)
    if date < due { return .notAssigned(due: due) }
    if !isAssigned(onDueDate: due, status: state.citizen.status) { return .notAssignedWhileAbroad }
    return state.isExempt ? .exempt : .active(since: due)
  }
}
