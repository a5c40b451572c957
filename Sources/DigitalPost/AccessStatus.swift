/// The state of a delegated access on a date.
public enum AccessStatus: Hashable, Sendable {
  /// Granted, but its first day is still to come.
  case notStarted(from: CivilDate)
  /// In force; its last day is `until`.
  case inForce(until: CivilDate)
  /// Ended, why, and on which day (the expiry date, the day of revocation, of death).
  case ended(AccessEndReason, on: CivilDate)
}
