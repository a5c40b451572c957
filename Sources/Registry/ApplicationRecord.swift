import DigitalPost
import Foundation

/// An exemption application (form FD 001a) as recorded at the centre.
public struct ApplicationRecord: Sendable, Hashable {
  /// The registry's number for the application.
  public var id: Int64
  /// The citizen the application is for.
  public var cpr: CPRNumber
  /// The day it was handed in.
  public var receivedOn: CivilDate
  /// The receiving centre, by its municipality.
  public var centre: MunicipalityCode
  /// The receiving clerk.
  public var clerk: String
  /// The criteria ticked.
  public var criteria: [ExemptionCriterion]
  /// Who applied on the citizen's behalf and with what authority; nil in person. The
  /// registry keeps a representative by name (`Representative.displayName`: a CPR number
  /// only masked, inside the name), so the identity read back is always `.name`.
  public var representative: Representative?
  /// The identity documents presented, in the order checked.
  public var identityDocuments: [PresentedDocument]
  /// Whether the citizen asked for the last 6 months' unopened post on paper.
  public var paperCopies: Bool
  /// The decision, once recorded.
  public var decision: DecisionRecord?
}
