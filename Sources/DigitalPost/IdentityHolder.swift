/// Who appeared and had their identity checked, as a refusal names them.
public enum IdentityHolder: Hashable, Sendable {
  /// The applicant for exemption, in person.
  case applicant(CPRNumber)
  /// Someone applying on the applicant's behalf, by name or masked CPR number.
  case representative(String)
  /// The owner of a letterbox, in person.
  case owner(CPRNumber)
  /// Someone appearing for the owner with a power of attorney.
  case ownersRepresentative(CPRNumber)
}
