/// The choices this project made where the law and the guidance leave room: the places
/// domain.md marks **(our rule)**. They live here, named, so that a municipality can see
/// and change them in one place.
public enum OurRules {
  /// Someone born on 29 February gets their letterbox on 1 March in common years
  /// (domain.md §3). `CivilDate.wholeYears(until:)` and `CivilDate.birthday(turning:)` follow it for
  /// every age.
  public static let leapDayBirthdayInCommonYears = (month: 3, day: 1)

  /// Custody holders get the letterbox notice "about 3 weeks" before the 15th birthday
  /// (domain.md §3): exactly 21 days before the due date.
  public static let letterboxNoticeDaysBefore = 21

  /// A document is still valid on its expiry date, and so is a delegated access: "expires
  /// 2030-01-31" is read as "valid through 31 January 2030" (domain.md §5, §6).
  public static let documentValidThroughExpiryDate = true

  /// A delegated access holds through its expiry date (domain.md §6), as documents do.
  public static let accessValidThroughExpiryDate = true

  /// "Not older than three months" for a benefit receipt (domain.md §5): issued on or after
  /// the same day three calendar months earlier (31 May reaches back to 28/29 February).
  public static let benefitReceiptMaximumAgeInMonths = 3

  /// The unopened Digital Post sent on paper with an exemption covers the 6 calendar
  /// months up to the day of the exemption, both days included (domain.md §4).
  public static let paperCopyMonths = 6

  /// An application may be recorded with no criterion ticked: the citizen declares on
  /// honour that at least one applies and *may* tick which; the municipality cannot demand
  /// more (domain.md §4). Set to false to require at least one tick.
  public static let criteriaMayBeLeftUnticked = true
}
