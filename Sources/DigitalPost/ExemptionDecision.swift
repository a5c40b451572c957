/// The decision on an exemption application (domain.md §4).
public enum ExemptionDecision: Hashable, Sendable {
  /// Granted; the exemption holds from the application date.
  case granted(Exemption)
  /// Refused; `reason` is the sentence the decision letter states.
  case refused(reason: String)
}
