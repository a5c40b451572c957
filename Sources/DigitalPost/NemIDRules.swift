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

/// The NemID eligibility rule (domain.md §5). Danish citizenship is not needed.
public enum NemIDRules {
  /// Whether a person can obtain NemID on `date`, and how the code card comes; or why not.
  ///
  /// Death comes first. Identity verified only without photo means the code card comes by
  /// post: with no address registered it cannot, and a photo ID at the counter would do.
  ///
  /// - Parameters:
  ///   - cpr: the person's CPR number, if they have one.
  ///   - documents: the identity documents they present.
  ///   - inDenmarkShortTime: whether they have been in Denmark only a short time, and so
  ///     must bring a witness who testifies with a sworn statement.
  ///   - witnessTestified: whether such a witness testified.
  ///   - status: the person's CPR status (a death on or before `date` comes first).
  ///   - hasPostalAddress: whether an address is registered, to post the code card to.
  ///   - date: the day the person applies.
  public static func eligibility(
    cpr: CPRNumber?, documents: [PresentedDocument], inDenmarkShortTime: Bool = false,
    witnessTestified: Bool = false, status: CPRStatus = .resident, hasPostalAddress: Bool = true,
    on date: CivilDate
  ) -> NemIDEligibility {
    guard let cpr else { return .notEligible(.noCPRNumber) }
    if case .deceased(let died) = status, died <= date { return .notEligible(.deceased(cpr, on: died)) }
    let age = LetterboxRules.age(of: cpr, on: date)
    guard age >= LetterboxRules.letterboxAge else {
      return .notEligible(
        .tooYoung(cpr, age: age, on: date, turns15: LetterboxRules.dueDate(birthDate: cpr.birthDate)))
    }
    let byPost: Bool
    switch IdentityRules.verify(documents, on: date) {
    case .failure(let refusal): return .notEligible(.identity(refusal))
    case .success(.twoWithoutPhoto) where !hasPostalAddress: return .notEligible(.codeCardCannotBePosted(cpr))
    case .success(.twoWithoutPhoto): byPost = true
    case .success(.photo): byPost = false
    }
    if inDenmarkShortTime && !witnessTestified { return .notEligible(.shortStayWithoutWitness(cpr)) }
    return .eligible(codeCardByPost: byPost)
  }
}

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
