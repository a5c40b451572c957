/// Why someone cannot obtain NemID/MitID, one case per reason; the words are the
/// catalogues' (`RefusalWording.nemID`).
public enum NemIDIneligibility: Hashable, Sendable {
  /// No CPR number.
  case noCPRNumber
  /// Under 15 on the day.
  case tooYoung(CPRNumber, age: Int, on: CivilDate, turns15: CivilDate)
  /// The ID requirements are not met.
  case identity(IdentityRules.Refusal)
  /// In Denmark only a short time, and no witness testified.
  case shortStayWithoutWitness(CPRNumber)
  /// Dead on or before the day: no NemID/MitID at all.
  case deceased(CPRNumber, on: CivilDate)
  /// Identity verified only without photo, so the code card must come by post, and no
  /// address is registered to post it to.
  case codeCardCannotBePosted(CPRNumber)

  /// The exemption criterion the reason is evidence for: criterion 5, except for a death,
  /// which is evidence for nothing (no exemption is requested for a deceased person).
  public var evidenceFor: ExemptionCriterion? {
    if case .deceased = self { return nil }
    return .nemIDDifficulty
  }
}
