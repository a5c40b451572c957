/// One identity document shown at the counter, as the clerk records it (domain.md §5).
public struct PresentedDocument: Hashable, Sendable, Codable {
  /// What kind of document it is.
  public var kind: IdentityDocumentKind
  /// The last day the document is valid, when it has an expiry date.
  public var expires: CivilDate?
  /// The date the document was issued; needed for a benefit receipt, which counts only
  /// when it is not older than three months.
  public var issued: CivilDate?
  /// Whether this document shows the CPR number; `nil` means "as documents of its kind
  /// do" (`IdentityDocumentKind.showsCPRNumber`), the clerk says only where that varies.
  public var cprNumberShown: Bool?

  /// Records a document; leave out what the document does not have.
  public init(
    _ kind: IdentityDocumentKind, expires: CivilDate? = nil, issued: CivilDate? = nil, cprNumberShown: Bool? = nil
  ) {
    self.kind = kind
    self.expires = expires
    self.issued = issued
    self.cprNumberShown = cprNumberShown
  }

  /// Whether the document shows the holder's CPR number; unknown counts as no.
  public var showsCPRNumber: Bool { cprNumberShown ?? kind.showsCPRNumber ?? false }

  /// Why the document does not count on `date`, as a case; nil when it is valid (domain.md §5).
  ///
  /// A photo ID given without its expiry date does not count (it cannot be seen to be
  /// valid). Expired documents do not count (the expiry date itself is still valid, see
  /// `OurRules.documentValidThroughExpiryDate`); a benefit receipt counts only with an
  /// issue date not older than `OurRules.benefitReceiptMaximumAgeInMonths`.
  public func problem(on date: CivilDate) -> IdentityProblem? {
    if kind.hasExpiryDate && expires == nil { return .missingExpiry(kind) }
    if let expires, expires < date || (expires == date && !OurRules.documentValidThroughExpiryDate) {
      return .expired(kind, on: expires)
    }
    guard kind == .benefitReceipt else { return nil }
    guard let issued else { return .benefitReceiptUndated }
    let oldest = date.adding(months: -OurRules.benefitReceiptMaximumAgeInMonths)
    if issued < oldest { return .benefitReceiptTooOld(issued: issued) }
    if issued > date { return .benefitReceiptFuture(issued: issued, date: date) }
    return nil
  }

  /// The command-line form: `KIND[:DATE][:cpr]`, e.g. `passport:2030-01-31`.
  ///
  /// DATE is the expiry date, except for `benefit-receipt`, where it is the issue date and
  /// required. `:cpr` says that the document shows the CPR number, for the kinds where that
  /// varies (birth-certificate, residence-certificate, benefit-receipt).
  public init(parsing text: String) throws(DomainError) {
    let parts = text.trimmingCharactersInWhitespace().split(separator: ":", omittingEmptySubsequences: false)
      .map(String.init)
    guard let kind = IdentityDocumentKind(rawValue: parts[0].lowercased()) else {
      throw DomainError.unknownDocumentKind(parts[0])
    }
    var rest = parts.dropFirst()
    var shown: Bool?
    if rest.last?.lowercased() == "cpr" {
      shown = true
      rest = rest.dropLast()
    }
    guard rest.count <= 1 else {
      throw DomainError.malformedDocument(text, problem: .extraParts)
    }
    var date: CivilDate?
    if let dateText = rest.first {
      guard let parsed = CivilDate(iso: dateText) else {
        throw DomainError.malformedDocument(text, problem: .notADate(dateText))
      }
      date = parsed
    }
    if kind == .benefitReceipt {
      guard let date else {
        throw DomainError.malformedDocument(text, problem: .noIssueDate)
      }
      self.init(kind, issued: date, cprNumberShown: shown)
    } else {
      self.init(kind, expires: date, cprNumberShown: shown)
    }
  }
}
