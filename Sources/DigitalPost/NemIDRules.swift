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
