import DigitalPost
import Foundation

/// An exemption from Digital Post as the registry holds it: one period, open or ended.
public struct ExemptionRecord: Sendable, Hashable {
  /// The exempt citizen.
  public var cpr: CPRNumber
  /// The first day of the exemption.
  public var since: CivilDate
  /// The first day the citizen is no longer exempt; nil while in force.
  public var endedOn: CivilDate?
  /// Why it ended (withdrawn, moved back to Denmark, access given); nil while in force.
  public var endReason: ExemptionEndReason?
  /// The criteria the citizen declared.
  public var criteria: [ExemptionCriterion]
  /// Granted because the citizen lives abroad (Act §5(1)): ends when they move back.
  public var forEmigration: Bool
  /// The application it was granted on, when recorded through one.
  public var applicationID: Int64?
  /// Unopened Digital Post from this day on is sent on paper, when the citizen asked.
  public var paperCopiesFrom: CivilDate?
}
