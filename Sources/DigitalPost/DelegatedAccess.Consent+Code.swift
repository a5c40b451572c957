/// The codes the registry stores for how an owner consented to an access (`StoredCode`).
extension DelegatedAccess.Consent: StoredCode {
  /// The stored code; never changes once released (the words first written to files).
  public var code: String {
    switch self {
    case .inPerson: "in-person"
    case .powerOfAttorney: "power-of-attorney"
    }
  }
}
