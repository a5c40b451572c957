/// What granting access does: the access to record, whether it is new or a change of the
/// pair's existing one, and whether it lifts the owner's exemption.
public struct AccessGrant: Hashable, Sendable {
  /// The access as it is to be recorded.
  public var access: DelegatedAccess
  /// New, changed (and what), or unchanged.
  public var kind: Kind
  /// Whether the owner's exemption ends with this grant (the post must be digital for the
  /// helper to read it); the caller withdraws the exemption on the grant date.
  public var liftsExemption: Bool

  /// Records an outcome.
  public init(access: DelegatedAccess, kind: Kind, liftsExemption: Bool) {
    self.access = access
    self.kind = kind
    self.liftsExemption = liftsExemption
  }

  /// Whether the grant creates an access or changes the pair's existing one.
  public enum Kind: Hashable, Sendable {
    /// A new access for the pair.
    case new
    /// The pair's existing access, changed as listed (to be recorded).
    case changed([AccessChange])
    /// The pair already has exactly this access: nothing to record.
    case unchanged
  }
}
