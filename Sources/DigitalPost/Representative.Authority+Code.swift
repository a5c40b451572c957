/// The codes the registry stores for what entitles a representative to act (`StoredCode`).
extension Representative.Authority: StoredCode {
  /// The stored code; never changes once released (the words first written to files).
  public var code: String {
    switch self {
    case .powerOfAttorney: "power-of-attorney"
    case .guardian: "guardian"
    }
  }
}
