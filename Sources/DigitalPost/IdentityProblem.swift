/// Why the documents presented do not verify a person's identity (domain.md §5), one case
/// per reason, for each interface to word (`RefusalWording`).
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
}
