/// The decision on an exemption application (domain.md §4), as `ExemptionRules.decide`
/// makes it: the grant, or the rule that refuses it.
public enum ExemptionDecision: Hashable, Sendable {
  /// Granted; the exemption holds from the decision date.
  case granted(Exemption)
  /// Refused by a rule; the reason is a case that each interface words (`RefusalWording`).
  case refused(DomainError)
}
