/// A request at the counter to give a helper access to an owner's Digital Post (domain.md §6).
public struct AccessRequest: Hashable, Sendable {
  /// The citizen whose post is to be opened.
  public var owner: CPRNumber
  /// The citizen to be given access.
  public var helper: CPRNumber
  /// What the helper may do.
  public var level: AccessLevel
  /// The first day of the access.
  public var from: CivilDate
  /// The expiry date; must lie after `from` and not in the past.
  public var until: CivilDate
  /// How the owner consents: in person, or represented with a power of attorney.
  public var consent: DelegatedAccess.Consent
  /// The identity documents of the person who appeared (the owner, or their representative).
  public var documents: [PresentedDocument]
  /// The clerk's explicit confirmation that access lifts the owner's exemption.
  public var exemptionLiftConfirmed: Bool

  /// Records a request.
  public init(
    owner: CPRNumber, helper: CPRNumber, level: AccessLevel, from: CivilDate, until: CivilDate,
    consent: DelegatedAccess.Consent = .inPerson, documents: [PresentedDocument], exemptionLiftConfirmed: Bool = false
  ) {
    self.owner = owner
    self.helper = helper
    self.level = level
    self.from = from
    self.until = until
    self.consent = consent
    self.documents = documents
    self.exemptionLiftConfirmed = exemptionLiftConfirmed
  }
}
