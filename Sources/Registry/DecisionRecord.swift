import DigitalPost
import Foundation

/// A decision on an exemption application.
public struct DecisionRecord: Sendable, Hashable {
  /// Whether the exemption was granted.
  public var granted: Bool
  /// The reason, required for a refusal; nil for a grant and a withdrawal.
  public var reason: String?
  /// The day the decision takes effect.
  public var effective: CivilDate
  /// The deciding clerk and centre.
  public var clerk: String
  /// The deciding centre, by its municipality.
  public var centre: MunicipalityCode

  /// Whether the row closes an application the applicant withdrew, rather than deciding it:
  /// not granted, no letter. It is recorded and audited as a decision, so that `audit
  /// verify` guards it as one (the `withdrawn` column; the log gives it the reason
  /// `AuditWording.withdrawal`, which no refusal may give).
  public var isWithdrawal: Bool = false
}
