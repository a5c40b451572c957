import Testing

@testable import DigitalPost

/// What every refusal ends with.
private let wouldDo =
  "bring one valid photo ID, or two documents without photo of which one shows the CPR number and at least one "
  + "is a health insurance card, a certificate of residential address, or a birth or name certificate"

private let today = day("2026-11-22")

// §5: one valid photo ID, or two without photo (one with the CPR number, one of the three
// anchoring kinds); expired documents and benefit receipts older than three months do not count.
@Test(
  "§5 identity check",
  arguments: [
    ([PresentedDocument(.passport, expires: day("2030-01-31"))], Verdict.accepted(.photo(.passport))),
    ([PresentedDocument(.passport, expires: today)], .accepted(.photo(.passport))),
    ([PresentedDocument(.euDrivingLicence, expires: day("2030-01-31"))], .accepted(.photo(.euDrivingLicence))),
    (
      [PresentedDocument(.passport, expires: day("2026-11-21"))],
      .notAccepted(reason: "the passport expired on 2026-11-21, and no valid document remains; " + wouldDo)
    ),
    ([], .notAccepted(reason: "no identity document was presented; " + wouldDo)),
    (
      [PresentedDocument(.healthCard), PresentedDocument(.taxStatement)],
      .accepted(.twoWithoutPhoto(.healthCard, .taxStatement))
    ),
    (
      [PresentedDocument(.taxStatement), PresentedDocument(.healthCard)],
      .accepted(.twoWithoutPhoto(.healthCard, .taxStatement))
    ),
    (
      [
        PresentedDocument(.passport, expires: day("2026-01-31")), PresentedDocument(.healthCard),
        PresentedDocument(.taxStatement),
      ],
      .accepted(.twoWithoutPhoto(.healthCard, .taxStatement))
    ),
    (
      [PresentedDocument(.healthCard)],
      .notAccepted(reason: "the health insurance card alone is not enough; " + wouldDo)
    ),
    (
      [PresentedDocument(.healthCard), PresentedDocument(.healthCard)],
      .notAccepted(reason: "the health insurance card alone is not enough; " + wouldDo)
    ),
    (
      [PresentedDocument(.taxStatement), PresentedDocument(.benefitReceipt, issued: day("2026-10-01"))],
      .notAccepted(
        reason: "the tax statement and the benefit receipt are not enough without a health insurance card, "
          + "a certificate of residential address, or a birth or name certificate; " + wouldDo)
    ),
    (
      [PresentedDocument(.birthCertificate), PresentedDocument(.residenceCertificate)],
      .notAccepted(
        reason: "neither the birth or name certificate nor the certificate of residential address shows the CPR "
          + "number; " + wouldDo)
    ),
    (
      [PresentedDocument(.birthCertificate, cprNumberShown: true), PresentedDocument(.residenceCertificate)],
      .accepted(.twoWithoutPhoto(.birthCertificate, .residenceCertificate))
    ),
    (
      [
        PresentedDocument(.residenceCertificate),
        PresentedDocument(.benefitReceipt, issued: day("2026-08-22"), cprNumberShown: true),
      ],
      .accepted(.twoWithoutPhoto(.residenceCertificate, .benefitReceipt))
    ),
    (
      [PresentedDocument(.healthCard), PresentedDocument(.benefitReceipt, issued: day("2026-08-21"))],
      .notAccepted(
        reason: "the benefit receipt of 2026-08-21 is older than three months, and the health insurance card alone "
          + "is not enough; " + wouldDo)
    ),
    (
      [PresentedDocument(.benefitReceipt), PresentedDocument(.healthCard)],
      .notAccepted(
        reason: "the benefit receipt has no issue date, and the health insurance card alone is not enough; " + wouldDo)
    ),
    (
      [PresentedDocument(.healthCard), PresentedDocument(.benefitReceipt, issued: day("2026-12-01"))],
      .notAccepted(
        reason: "the benefit receipt is dated 2026-12-01, after 2026-11-22, and the health insurance card alone is "
          + "not enough; " + wouldDo)
    ),
    (
      [
        PresentedDocument(.birthCertificate), PresentedDocument(.residenceCertificate),
        PresentedDocument(.benefitReceipt, issued: day("2026-11-01")),
      ],
      .notAccepted(
        reason: "none of the birth or name certificate, the certificate of residential address and the benefit "
          + "receipt shows the CPR number; " + wouldDo)
    ),
    (
      [PresentedDocument(.healthCard, cprNumberShown: false), PresentedDocument(.birthCertificate)],
      .notAccepted(
        reason: "neither the health insurance card nor the birth or name certificate shows the CPR number; " + wouldDo)
    ),
  ])
func identityCheck(documents: [PresentedDocument], expected: Verdict) {
  #expect(verdict(documents, on: today) == expected)
}

// §5: eight photo kinds and five without photo, in the seed's order.
@Test("§5 document kinds")
func kinds() {
  #expect(
    IdentityDocumentKind.photoKinds.map(\.rawValue) == [
      "eu-driving-licence", "passport", "military-id", "nato-passport", "police-id", "residence-permit", "bank-id",
      "national-id-card",
    ])
  #expect(
    IdentityDocumentKind.nonPhotoKinds.map(\.rawValue) == [
      "birth-certificate", "health-card", "residence-certificate", "tax-statement", "benefit-receipt",
    ])
  #expect(
    IdentityDocumentKind.allCases.filter(\.anchorsNonPhotoPair) == [
      .birthCertificate, .healthCard, .residenceCertificate,
    ])
  for kind in IdentityDocumentKind.allCases {
    #expect(!kind.wording(in: .da).isEmpty && !kind.wording(in: .en).isEmpty)
  }
  #expect(IdentityDocumentKind.healthCard.wording(in: .da) == "Sundhedskort (sygesikringsbevis)")
  #expect(
    IdentityBasis.twoWithoutPhoto(.healthCard, .taxStatement).wording(in: .en)
      == "Health insurance card and Latest annual statement or preliminary income assessment from SKAT")
  #expect(IdentityBasis.photo(.passport).wording(in: .da) == "Pas udstedt af en offentlig myndighed i hjemlandet")
}

// §5: the command-line form KIND[:DATE][:cpr].
@Test(
  "§5 parsing presented documents",
  arguments: [
    ("passport:2030-01-31", PresentedDocument(.passport, expires: day("2030-01-31"))),
    ("Passport:2030-01-31", PresentedDocument(.passport, expires: day("2030-01-31"))),
    ("health-card", PresentedDocument(.healthCard)),
    ("birth-certificate:cpr", PresentedDocument(.birthCertificate, cprNumberShown: true)),
    (
      "benefit-receipt:2026-10-01:cpr",
      PresentedDocument(.benefitReceipt, issued: day("2026-10-01"), cprNumberShown: true)
    ),
    ("benefit-receipt:2026-10-01", PresentedDocument(.benefitReceipt, issued: day("2026-10-01"))),
  ])
func parseDocument(text: String, expected: PresentedDocument) throws {
  let document = try PresentedDocument(parsing: text)
  #expect(document == expected)
}

@Test(
  "§5 parsing errors list what would do",
  arguments: [
    (
      "pasport",
      "unknown identity document \"pasport\" (did you mean passport?); use one of eu-driving-licence, passport, military-id, nato-passport, "
        + "police-id, residence-permit, bank-id, national-id-card (with photo), or birth-certificate, health-card, "
        + "residence-certificate, tax-statement, benefit-receipt (without photo)"
    ),
    (
      "sundhedskort",
      "unknown identity document \"sundhedskort\"; use one of eu-driving-licence, passport, military-id, "
        + "nato-passport, police-id, residence-permit, bank-id, national-id-card (with photo), or birth-certificate, "
        + "health-card, residence-certificate, tax-statement, benefit-receipt (without photo)"
    ),
    (
      "passport:2030-13-01",
      "\"passport:2030-13-01\": \"2030-13-01\" is not a date of the form YYYY-MM-DD; write KIND[:DATE][:cpr], "
        + "e.g. passport:2030-01-31"
    ),
    (
      "benefit-receipt",
      "\"benefit-receipt\": a benefit receipt needs its issue date (benefit-receipt:YYYY-MM-DD); "
        + "write KIND[:DATE][:cpr], e.g. passport:2030-01-31"
    ),
    (
      "passport:2030-01-31:x",
      "\"passport:2030-01-31:x\": after the kind only a date and \"cpr\" may follow; write KIND[:DATE][:cpr], "
        + "e.g. passport:2030-01-31"
    ),
  ])
func parseDocumentErrors(text: String, message: String) {
  #expect(domainMessage { _ = try PresentedDocument(parsing: text) } == message)
}

// §5: NemID needs a CPR number, age 15 and the ID requirements; a witness after a short stay.
/// (CPR, documents, short stay, witness, expected)
private let nemIDCases: [(CPRNumber?, [PresentedDocument], Bool, Bool, NemIDEligibility)] = [
  (
    cpr("010190-1234"), [PresentedDocument(.passport, expires: day("2030-01-31"))], false, false,
    NemIDEligibility.eligible(codeCardByPost: false)
  ),
  (nil, [PresentedDocument(.passport, expires: day("2030-01-31"))], false, false, .notEligible(.noCPRNumber)),
  (
    cpr("221211-4000"), [PresentedDocument(.passport, expires: day("2030-01-31"))], false, false,
    .notEligible(.tooYoung(cpr("221211-4000"), age: 14, on: today, turns15: day("2026-12-22")))
  ),
  (
    cpr("221111-4000"), [PresentedDocument(.passport, expires: day("2030-01-31"))], false, false,
    .eligible(codeCardByPost: false)
  ),
  (
    cpr("010190-1234"), [PresentedDocument(.healthCard)], false, false,
    .notEligible(.identity(IdentityRules.Refusal(problems: [.aloneNotEnough(.healthCard)])))
  ),
  (
    cpr("010190-1234"), [PresentedDocument(.passport, expires: day("2030-01-31"))], true, false,
    .notEligible(.shortStayWithoutWitness(cpr("010190-1234")))
  ),
  (
    cpr("010190-1234"), [PresentedDocument(.passport, expires: day("2030-01-31"))], true, true,
    .eligible(codeCardByPost: false)
  ),
  // Two documents without photo: the code card comes by post, as the one check says.
  (
    cpr("010190-1234"), [PresentedDocument(.healthCard), PresentedDocument(.birthCertificate)], false, false,
    .eligible(codeCardByPost: true)
  ),
]

@Test("§5 NemID eligibility", arguments: nemIDCases)
func nemID(
  number: CPRNumber?, documents: [PresentedDocument], shortStay: Bool, witness: Bool, expected: NemIDEligibility
) {
  let result = NemIDRules.eligibility(
    cpr: number, documents: documents, inDenmarkShortTime: shortStay, witnessTestified: witness, on: today)
  #expect(result == expected)
}

@Test("§5 not eligible for NemID is evidence for criterion 5, except by death")
func nemIDEvidence() {
  #expect(NemIDIneligibility.noCPRNumber.evidenceFor == .nemIDDifficulty)
  #expect(NemIDIneligibility.codeCardCannotBePosted(cpr("010190-1234")).evidenceFor == .nemIDDifficulty)
  #expect(NemIDIneligibility.deceased(cpr("010190-1234"), on: day("2026-06-15")).evidenceFor == nil)
}

// §5: death comes first; a code card cannot be posted without a registered address.
/// (CPR, documents, CPR status, address registered, expected)
private let nemIDRegisterCases: [(CPRNumber, [PresentedDocument], CPRStatus, Bool, NemIDIneligibility?)] = [
  (
    cpr("010190-1234"), [PresentedDocument(.passport, expires: day("2030-01-31"))],
    .deceased(on: day("2026-06-15")), true, .deceased(cpr("010190-1234"), on: day("2026-06-15"))
  ),
  // Death before age and ID: a dead child, and a dead person without documents.
  (
    cpr("221211-4000"), [], .deceased(on: day("2026-01-02")), true, .deceased(cpr("221211-4000"), on: day("2026-01-02"))
  ),
  (
    cpr("010190-1234"), [], .deceased(on: day("2026-11-22")), true, .deceased(cpr("010190-1234"), on: day("2026-11-22"))
  ),
  // A death registered for after the day is not yet one.
  (
    cpr("010190-1234"), [PresentedDocument(.passport, expires: day("2030-01-31"))], .deceased(on: day("2026-11-23")),
    true, nil
  ),
  (
    cpr("010190-1234"), [PresentedDocument(.healthCard), PresentedDocument(.birthCertificate)],
    .noFixedResidence(since: day("2024-05-01")), false, .codeCardCannotBePosted(cpr("010190-1234"))
  ),
  // With a photo ID the card is handed over at the counter; with an address it is posted.
  (
    cpr("010190-1234"), [PresentedDocument(.passport, expires: day("2030-01-31"))],
    .noFixedResidence(since: day("2024-05-01")), false, nil
  ),
  (cpr("010190-1234"), [PresentedDocument(.healthCard), PresentedDocument(.birthCertificate)], .resident, true, nil),
]

@Test("§5 NemID as registered: death first, and the code card's address", arguments: nemIDRegisterCases)
func nemIDAsRegistered(
  number: CPRNumber, documents: [PresentedDocument], status: CPRStatus, hasAddress: Bool,
  expected: NemIDIneligibility?
) {
  let result = NemIDRules.eligibility(
    cpr: number, documents: documents, status: status, hasPostalAddress: hasAddress, on: today)
  if case .notEligible(let why) = result {
    #expect(why == expected)
  } else {
    #expect(expected == nil)
  }
}
