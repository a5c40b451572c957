/// Whether someone can obtain NemID/MitID at a centre (domain.md §5, seed 001).
public enum NemIDEligibility: Hashable, Sendable {
  /// A CPR number, 15 or older, and the ID requirements met.
  case eligible
  /// Not eligible; `reason` says why (`NemIDIneligibility.evidenceFor` says whether that
  /// supports exemption criterion 5).
  case notEligible(reason: String)

  /// Whether NemID/MitID can be issued.
  public var isEligible: Bool { self == .eligible }
}

/// The NemID eligibility rule (domain.md §5). Danish citizenship is not needed.
public enum NemIDRules {
  /// Whether the code card comes by post rather than at the counter: identity verified with
  /// two documents without photo, so the card goes to the address in the CPR register
  /// (seed 001). Without a registered address it cannot be posted (`ineligibility`).
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
  ///   - status: the person's CPR status (a death on or before `date` comes first).
  ///   - hasPostalAddress: whether an address is registered, to post the code card to.
  ///   - date: the day the person applies.
  public static func eligibility(
    cpr: CPRNumber?, documents: [PresentedDocument], inDenmarkShortTime: Bool = false,
    witnessTestified: Bool = false, status: CPRStatus = .resident, hasPostalAddress: Bool = true,
    on date: CivilDate
  ) -> NemIDEligibility {
    let reason = ineligibility(
      cpr: cpr, documents: documents, inDenmarkShortTime: inDenmarkShortTime, witnessTestified: witnessTestified,
      status: status, hasPostalAddress: hasPostalAddress, on: date)
    return reason.map { .notEligible(reason: $0.message) } ?? .eligible
  }

  /// Why a person cannot obtain NemID on `date`, as a case each interface words; nil when
  /// they can (the same rule as `eligibility`).
  ///
  /// Death comes first. Identity verified only without photo means the code card comes by
  /// post: with no address registered it cannot, and a photo ID at the counter would do.
  public static func ineligibility(
    cpr: CPRNumber?, documents: [PresentedDocument], inDenmarkShortTime: Bool = false,
    witnessTestified: Bool = false, status: CPRStatus = .resident, hasPostalAddress: Bool = true,
    on date: CivilDate
  ) -> NemIDIneligibility? {
    guard let cpr else { return .noCPRNumber }
    if case .deceased(let died) = status, died <= date { return .deceased(cpr, on: died) }
    let age = LetterboxRules.age(of: cpr, on: date)
    guard age >= LetterboxRules.letterboxAge else {
      return .tooYoung(cpr, age: age, on: date, turns15: LetterboxRules.dueDate(birthDate: cpr.birthDate))
    }
    switch IdentityRules.verify(documents, on: date) {
    case .failure(let refusal): return .identity(refusal)
    case .success(.twoWithoutPhoto) where !hasPostalAddress: return .codeCardCannotBePosted(cpr)
    case .success: break
    }
    if inDenmarkShortTime && !witnessTestified { return .shortStayWithoutWitness(cpr) }
    return nil
  }
}

/// Why someone cannot obtain NemID/MitID, one case per reason; `message` is the English.
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

  /// The English words.
  public var message: String {
    let bankOnly = "only a bank's NemID for online banking is possible"
    switch self {
    case .noCPRNumber: return "no CPR number; \(bankOnly)"
    case .tooYoung(let cpr, let age, let date, let due):
      return "\(cpr) is \(age) on \(date) and turns 15 on \(due); \(bankOnly) until then"
    case .identity(let refusal): return "the ID requirements are not met: \(refusal.reason)"
    case .shortStayWithoutWitness(let cpr):
      return "\(cpr) has been in Denmark only a short time; bring a witness who testifies with a sworn statement"
    case .deceased(let cpr, let died): return "\(cpr) died on \(died)"
    case .codeCardCannotBePosted(let cpr):
      return "the ID has no photo, so the code card would come by post, but no address is registered for \(cpr) in "
        + "the CPR register, so it cannot be posted; bring a valid photo ID, and the code card is handed over at the counter"
    }
  }
}
