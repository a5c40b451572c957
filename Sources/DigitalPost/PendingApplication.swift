/// An exemption application recorded but not yet decided: a citizen has at most one
/// (domain.md §4), so that two decisions never race for the same exemption.
public struct PendingApplication: Hashable, Sendable {
  /// The registry's number for the application.
  public var id: Int64
  /// The day it was handed in.
  public var receivedOn: CivilDate

  /// Records a pending application.
  public init(id: Int64, receivedOn: CivilDate) {
    self.id = id
    self.receivedOn = receivedOn
  }
}
