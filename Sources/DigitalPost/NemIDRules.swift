/// Whether someone can obtain NemID/MitID at a centre (domain.md §5, seed 001).
public enum NemIDEligibility: Hashable, Sendable {
  /// A CPR number, 15 or older, and the ID requirements met.
  case eligible
  /// Not eligible; `reason` says why. Not meeting the requirements is evidence for
  /// exemption criterion 5 (`ExemptionCriterion.nemIDDifficulty`).
  case notEligible(reason: String)

  /// Whether NemID/MitID can be issued.
  public var isEligible: Bool { self == .eligible }

  /// The exemption criterion not being eligible is evidence for: criterion 5.
  public var evidenceFor: ExemptionCriterion? { isEligible ? nil : .nemIDDifficulty }
}

/// The NemID eligibility rule (domain.md §5). Danish citizenship is not needed.
public enum NemIDRules {
  /// Whether the code card comes by post rather than at the counter: identity verified with
  /// two documents without photo, so the card goes to the address in the CPR register
  /// (seed 001).
  public static func codeCardByPost(_ documents: [PresentedDocument], on date: CivilDate) -> Bool {
    if case .accepted(.twoWithoutPhoto) = IdentityRules.check(documents, on: date) { return true }
    return false
  }

  /// Says whether a person can obtain NemID on `date`.
  ///
  /// - Parameters:
  ///   - cpr: the person's CPR number, if they have one.
  ///   - documents: the identity documents they present.
  ///   - inDenmarkShortTime: whether they have been in Denmark only a short time, and so
  ///     must bring a witness who testifies with a sworn statement.
  ///   - witnessTestified: whether such a witness testified.
  public static func eligibility(
    cpr: CPRNumber?, documents: [PresentedDocument], inDenmarkShortTime: Bool = false,
    witnessTestified: Bool = false, on date: CivilDate
  ) -> NemIDEligibility {
    let bankOnly = "only a bank's NemID for online banking is possible"
    guard let cpr else {
      return .notEligible(reason: "no CPR number; \(bankOnly)")
    }
    let age = LetterboxRules.age(of: cpr, on: date)
    guard age >= LetterboxRules.letterboxAge else {
      let due = LetterboxRules.dueDate(birthDate: cpr.birthDate)
      return .notEligible(reason: "\(cpr) is \(age) on \(date) and turns 15 on \(due); \(bankOnly) until then")
    }
    if case .notAccepted(let reason) = IdentityRules.check(documents, on: date) {
      return .notEligible(reason: "the ID requirements are not met: \(reason)")
    }
    if inDenmarkShortTime && !witnessTestified {
      return .notEligible(
        reason: "\(cpr) has been in Denmark only a short time; bring a witness who testifies with a sworn statement")
    }
    return .eligible
  }
}
