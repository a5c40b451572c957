/// The codes the registry stores for the criteria an application ticked and an exemption was
/// granted on (`StoredCode`): spelled out here, not taken from the command line's words.
extension ExemptionCriterion: StoredCode {
  /// The stored code; never changes once released (the words first written to files).
  public var code: String {
    switch self {
    case .impairment: "impairment"
    case .noInternet: "no-internet"
    case .emigratedOrNoFixedResidence: "emigrated"
    case .languageBarriers: "language"
    case .nemIDDifficulty: "nemid"
    }
  }
}
