/// The codes the registry stores for why an access ended. Spelled out here, not taken from
/// the raw values, so that a change of the words an interface accepts cannot change what a
/// file means (`StoredCode`).
extension AccessEndReason: StoredCode {
  /// The stored code; never changes once released.
  public var code: String {
    switch self {
    case .expired: "expired"
    case .revokedByOwner: "revoked-by-owner"
    case .givenUpByHelper: "given-up-by-helper"
    case .ownerDied: "owner-died"
    case .helperDied: "helper-died"
    case .ownerExempted: "owner-exempted"
    }
  }
}
