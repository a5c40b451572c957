/// Whether someone can obtain NemID/MitID at a centre (domain.md §5, seed 001), as
/// `NemIDRules.eligibility` decides it: eligible and how the code card comes, or the reason
/// not, as a case each interface words.
public enum NemIDEligibility: Hashable, Sendable {
  /// A CPR number, 15 or older, and the ID requirements met. `codeCardByPost`: identity was
  /// verified only with two documents without photo, so the code card goes to the address in
  /// the CPR register (seed 001) instead of being handed over at the counter.
  case eligible(codeCardByPost: Bool)
  /// Not eligible, and why (`NemIDIneligibility.evidenceFor` says whether that supports
  /// exemption criterion 5).
  case notEligible(NemIDIneligibility)

  /// Whether NemID/MitID can be issued.
  public var isEligible: Bool {
    if case .eligible = self { return true }
    return false
  }
}
