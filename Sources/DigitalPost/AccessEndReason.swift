/// Why a delegated access ended; raw values are the words reports and the registry use.
public enum AccessEndReason: String, Hashable, Sendable, Codable, CaseIterable {
  /// The expiry date passed.
  case expired = "expired"
  /// The owner revoked it.
  case revokedByOwner = "revoked"
  /// The helper gave it up.
  case givenUpByHelper = "given-up"
  /// The owner died.
  case ownerDied = "owner-died"
  /// The helper died.
  case helperDied = "helper-died"
  /// The owner was exempted from Digital Post: with paper post a helper has nothing to read.
  case ownerExempted = "owner-exempted"

  /// The reason in a clerk's words: "revoked by the owner".
  public var wording: String {
    switch self {
    case .expired: "expired"
    case .revokedByOwner: "revoked by the owner"
    case .givenUpByHelper: "given up by the helper"
    case .ownerDied: "ended by the owner's death"
    case .helperDied: "ended by the helper's death"
    case .ownerExempted: "ended because the owner was exempted"
    }
  }
}
