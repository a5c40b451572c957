/// The choices this project made where the law and the guidance leave room: the places
/// domain.md marks **(our rule)**. They live here, named, so that a municipality can see
/// and change them in one place.
public enum OurRules {
  /// Someone born on 29 February gets their letterbox on 1 March in common years
  /// (domain.md §3). `CivilDate.wholeYears(until:)` follows the same rule for ages.
  public static let leapDayBirthdayInCommonYears = (month: 3, day: 1)

  /// Custody holders get the letterbox notice "about 3 weeks" before the 15th birthday
  /// (domain.md §3): exactly 21 days before the due date.
  public static let letterboxNoticeDaysBefore = 21
}
