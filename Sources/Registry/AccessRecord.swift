import DigitalPost
import Foundation

/// One version of a delegated access between an owner and a helper (domain.md §6).
public struct AccessRecord: Sendable, Hashable {
  /// The owner of the letterbox.
  public var owner: CPRNumber
  /// The person given access.
  public var helper: CPRNumber
  /// Read, or read and write.
  public var level: AccessLevel
  /// The first day of this version (the grant, or a change of level or expiry).
  public var from: CivilDate
  /// The expiry date chosen at the grant: the last day of the access.
  public var until: CivilDate
  /// The first day this version no longer holds (revoked, given up, changed); nil while open.
  public var endedOn: CivilDate?
  /// Why this version ended: the access ended, or a change replaced the version.
  public var endReason: AccessVersionEnd?
  /// How the owner consented (in person with ID, power of attorney).
  public var consent: DelegatedAccess.Consent
}
