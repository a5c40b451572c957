/// Why the documents presented do not verify a person's identity (domain.md §5), one case
/// per reason, for each interface to word; `message` is the English.
public enum IdentityProblem: Hashable, Sendable {
  /// Nothing was presented.
  case noDocument
  /// A kind that has an expiry date was given without it.
  case missingExpiry(IdentityDocumentKind)
  /// The document expired on the date.
  case expired(IdentityDocumentKind, on: CivilDate)
  /// A benefit receipt without its issue date.
  case benefitReceiptUndated
  /// A benefit receipt older than `OurRules.benefitReceiptMaximumAgeInMonths`.
  case benefitReceiptTooOld(issued: CivilDate)
  /// A benefit receipt dated after the day.
  case benefitReceiptFuture(issued: CivilDate, date: CivilDate)
  /// Every document presented was invalid.
  case noValidDocument
  /// One valid document without photo.
  case aloneNotEnough(IdentityDocumentKind)
  /// Several documents of one entry of the list (health card and residence certificate).
  case oneEntry([IdentityDocumentKind])
  /// Documents without photo, none of them a health card, residence certificate or birth certificate.
  case noAnchor([IdentityDocumentKind])
  /// Documents without photo of which none shows the CPR number.
  case noCPRNumberShown([IdentityDocumentKind])

  /// The English words, as the rules say them.
  public var message: String {
    func the(_ kind: IdentityDocumentKind) -> String { "the \(kind.shortName)" }
    func listed(_ kinds: [IdentityDocumentKind]) -> String { IdentityRules.listed(kinds.map(the)) }
    switch self {
    case .noDocument: return "no identity document was presented"
    case .missingExpiry(let kind): return "\(the(kind)) was given without its expiry date (\(kind.rawValue):YYYY-MM-DD)"
    case .expired(let kind, let date): return "\(the(kind)) expired on \(date)"
    case .benefitReceiptUndated: return "the benefit receipt has no issue date"
    case .benefitReceiptTooOld(let issued): return "the benefit receipt of \(issued) is older than three months"
    case .benefitReceiptFuture(let issued, let date): return "the benefit receipt is dated \(issued), after \(date)"
    case .noValidDocument: return "no valid document remains"
    case .aloneNotEnough(let kind): return "\(the(kind)) alone is not enough"
    case .oneEntry(let kinds): return "\(listed(kinds)) are one kind of document (one entry of the list), not two"
    case .noAnchor(let kinds):
      return "\(listed(kinds)) are not enough without a health insurance card, a certificate of residential "
        + "address, or a birth or name certificate"
    case .noCPRNumberShown(let kinds):
      if kinds.count == 2 { return "neither \(the(kinds[0])) nor \(the(kinds[1])) shows the CPR number" }
      return "none of \(listed(kinds)) shows the CPR number"
    }
  }
}

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

  /// The English words: `applicant 140382-XXXX`.
  public var wording: String {
    switch self {
    case .applicant(let cpr): "applicant \(cpr)"
    case .representative(let name): "representative \(name)"
    case .owner(let cpr): "owner \(cpr)"
    case .ownersRepresentative(let cpr): "the representative of owner \(cpr)"
    }
  }
}
