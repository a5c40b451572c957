/// Why an exemption from Digital Post ended: from that day the citizen is back on Digital Post.
public enum ExemptionEndReason: Hashable, Sendable {
  /// The citizen withdrew it (domain.md §4: an exemption may be withdrawn at any time).
  case withdrawn
  /// Granted because the citizen lived abroad (Act §5(1)), it ended when a CPR extract
  /// showed them living in Denmark again.
  case movedBack
  /// Lifted because the citizen gave `helper` access to their letterbox: someone can now
  /// read their Digital Post for them (domain.md §6).
  case accessGiven(helper: CPRNumber)

  /// Which of the reasons, without the helper: what the registry stores (the helper's CPR
  /// number is kept beside it).
  public enum Code: StoredCode, Hashable {
    /// `withdrawn`
    case withdrawn
    /// `moved-back`
    case movedBack
    /// `access-given`
    case accessGiven

    /// The stored code; never changes once released.
    public var code: String {
      switch self {
      case .withdrawn: "withdrawn"
      case .movedBack: "moved-back"
      case .accessGiven: "access-given"
      }
    }
  }

  /// The reason's code.
  public var code: Code {
    switch self {
    case .withdrawn: .withdrawn
    case .movedBack: .movedBack
    case .accessGiven: .accessGiven
    }
  }

  /// The helper an access was given to, for `accessGiven`.
  public var helper: CPRNumber? {
    if case .accessGiven(let helper) = self { helper } else { nil }
  }

  /// The reason of `code`, with `helper` for `accessGiven`; nil when `helper` is missing
  /// there or given with another code.
  public init?(code: Code, helper: CPRNumber?) {
    switch (code, helper) {
    case (.withdrawn, nil): self = .withdrawn
    case (.movedBack, nil): self = .movedBack
    case (.accessGiven, let helper?): self = .accessGiven(helper: helper)
    default: return nil
    }
  }
}
