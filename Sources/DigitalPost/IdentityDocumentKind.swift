/// The kinds of identity document a Citizen Service Centre accepts (domain.md §5, seed 001).
///
/// The raw value is the short word the command line uses (`passport`, `health-card`).
/// Eight kinds carry a photo and prove identity alone; five carry none and count only in
/// pairs (see `IdentityRules`).
public enum IdentityDocumentKind: String, Hashable, Sendable, Codable, CaseIterable {
  /// National driving licence issued in an EU/EEA Member State, Greenland or the Faroe Islands.
  case euDrivingLicence = "eu-driving-licence"
  /// Passport issued by a public authority in the home country.
  case passport = "passport"
  /// Military ID card (from Denmark).
  case militaryID = "military-id"
  /// NATO passport.
  case natoPassport = "nato-passport"
  /// Police ID card (from Denmark).
  case policeID = "police-id"
  /// Residence permit with photo issued in Denmark.
  case residencePermit = "residence-permit"
  /// Danish banks' ID card.
  case bankID = "bank-id"
  /// National ID card with photo, usable as a travel document in Schengen states.
  case nationalIDCard = "national-id-card"
  /// Birth or name certificate (fødsels- og navneattest).
  case birthCertificate = "birth-certificate"
  /// Health insurance card (sundhedskort, sygesikringsbevis).
  case healthCard = "health-card"
  /// Certificate of residential address (bopælsattest).
  case residenceCertificate = "residence-certificate"
  /// Latest annual statement or preliminary income assessment from SKAT.
  case taxStatement = "tax-statement"
  /// Documentation of receipt of a public benefit, not older than three months.
  case benefitReceipt = "benefit-receipt"

  /// Whether the document carries a photo, and so proves identity on its own.
  public var hasPhoto: Bool {
    switch self {
    case .euDrivingLicence, .passport, .militaryID, .natoPassport, .policeID, .residencePermit, .bankID,
      .nationalIDCard:
      true
    case .birthCertificate, .healthCard, .residenceCertificate, .taxStatement, .benefitReceipt: false
    }
  }

  /// Whether documents of this kind carry an expiry date, which must then be given so that
  /// "valid (not expired)" can be checked: the photo IDs.
  public var hasExpiryDate: Bool { hasPhoto }

  /// The entry of seed 001's list the kind belongs to: "Health insurance card or certificate
  /// of residential address" is one entry, so the two count as one kind in a pair.
  public var listEntry: IdentityDocumentKind { self == .residenceCertificate ? .healthCard : self }

  /// Whether the document is one of the three a pair without photo must include: a health
  /// insurance card, a certificate of residential address, or a birth or name certificate.
  public var anchorsNonPhotoPair: Bool {
    switch self {
    case .healthCard, .residenceCertificate, .birthCertificate: true
    default: false
    }
  }

  /// Whether a document of this kind shows the holder's CPR number: `true` always, `false`
  /// never, `nil` when it varies (a foreign birth certificate has none, a Danish one has)
  /// and the clerk must say.
  public var showsCPRNumber: Bool? {
    switch self {
    case .healthCard, .taxStatement: true
    case .birthCertificate, .residenceCertificate, .benefitReceipt: nil
    default: false
    }
  }

  /// The photo kinds, in the order of the seed's list.
  public static var photoKinds: [IdentityDocumentKind] { allCases.filter(\.hasPhoto) }

  /// The kinds without photo, in the order of the seed's list.
  public static var nonPhotoKinds: [IdentityDocumentKind] { allCases.filter { !$0.hasPhoto } }

  /// The name of the kind as a form or letter prints it.
  public func wording(in language: Language) -> String {
    switch language {
    case .da: danishWording
    case .en: englishWording
    }
  }

  private var englishWording: String {
    switch self {
    case .euDrivingLicence:
      "National driving licence issued in an EU/EEA Member State, Greenland or the Faroe Islands"
    case .passport: "Passport issued by a public authority in the home country"
    case .militaryID: "Military ID card (from Denmark)"
    case .natoPassport: "NATO passport"
    case .policeID: "Police ID card (from Denmark)"
    case .residencePermit: "Residence permit with photo issued in Denmark"
    case .bankID: "Danish banks' ID card"
    case .nationalIDCard:
      "National ID card with photo issued by a public authority in the home country and usable as a travel "
        + "document in Schengen states"
    case .birthCertificate: "Birth or name certificate"
    case .healthCard: "Health insurance card"
    case .residenceCertificate: "Certificate of residential address"
    case .taxStatement: "Latest annual statement or preliminary income assessment from SKAT"
    case .benefitReceipt: "Documentation of receipt of a public benefit, not older than three months"
    }
  }

  private var danishWording: String {
    switch self {
    case .euDrivingLicence: "Nationalt kørekort udstedt i et EU/EØS-land, Grønland eller Færøerne"
    case .passport: "Pas udstedt af en offentlig myndighed i hjemlandet"
    case .militaryID: "Militært id-kort (fra Danmark)"
    case .natoPassport: "NATO-pas"
    case .policeID: "Politiets id-kort (fra Danmark)"
    case .residencePermit: "Opholdstilladelse med foto udstedt i Danmark"
    case .bankID: "Danske bankers id-kort"
    case .nationalIDCard:
      "Nationalt id-kort med foto udstedt af en offentlig myndighed i hjemlandet, som kan bruges som "
        + "rejsedokument i Schengenlandene"
    case .birthCertificate: "Fødsels- eller navneattest"
    case .healthCard: "Sundhedskort (sygesikringsbevis)"
    case .residenceCertificate: "Bopælsattest"
    case .taxStatement: "Seneste årsopgørelse eller forskudsopgørelse fra Skattestyrelsen"
    case .benefitReceipt: "Dokumentation for modtagelse af offentlig ydelse, højst tre måneder gammel"
    }
  }
}
