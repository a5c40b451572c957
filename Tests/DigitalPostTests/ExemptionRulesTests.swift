import Foundation
import Testing

@testable import DigitalPost

private let today = day("2026-11-22")
private let applicant = "010170-1000"
private let wouldDo =
  "bring one valid photo ID, or two documents without photo of which one shows the CPR number and at least one "
  + "is a health insurance card, a certificate of residential address, or a birth or name certificate"

private func application(
  _ number: String = applicant, criteria: Set<ExemptionCriterion> = [.languageBarriers], declared: Bool = true,
  appearance: ExemptionApplication.Appearance = .inPerson,
  documents: [PresentedDocument] = [PresentedDocument(.passport, expires: day("2030-01-31"))],
  paperCopies: Bool = false
) -> ExemptionApplication {
  ExemptionApplication(
    applicant: cpr(number), criteria: criteria, declaredOnHonour: declared, appearance: appearance,
    documents: documents, paperCopiesRequested: paperCopies, date: today, centre: copenhagen)
}

/// One row of the check table: the application, the register's record, the exemption in
/// force, and the expected message (nil: recorded).
struct CheckCase: Sendable, CustomTestStringConvertible {
  var name: String
  var application: ExemptionApplication
  var record: Citizen
  var exemption: Exemption?
  var message: String?
  var testDescription: String { name }
}

private let checkCases: [CheckCase] = [
  CheckCase(name: "in person, passport", application: application(), record: citizen(applicant), message: nil),
  CheckCase(
    name: "no criterion ticked (our rule: allowed)", application: application(criteria: []),
    record: citizen(applicant), message: nil),
  CheckCase(
    name: "death recorded after the application date", application: application(),
    record: citizen(applicant, status: .deceased(on: day("2026-12-01"))), message: nil),
  CheckCase(
    name: "deceased", application: application(), record: citizen(applicant, status: .deceased(on: day("2026-11-01"))),
    message: "applicant 010170-XXXX died on 2026-11-01; no exemption can be requested for a deceased person"),
  CheckCase(
    name: "under 15", application: application("221211-4000"), record: citizen("221211-4000"),
    message: "applicant 221211-XXXX is 14 on 2026-11-22; an applicant must be 15 or older (turns 15 on 2026-12-22)"),
  CheckCase(
    name: "already exempt", application: application(), record: citizen(applicant),
    exemption: Exemption(citizen: cpr(applicant), since: day("2024-03-01")),
    message: "applicant 010170-XXXX is already exempt from Digital Post since 2024-03-01; nothing to record "
      + "(to start over, withdraw that exemption first)"),
  CheckCase(
    name: "earlier exemption withdrawn", application: application(), record: citizen(applicant),
    exemption: Exemption(citizen: cpr(applicant), since: day("2024-03-01"), withdrawnOn: day("2025-01-01")),
    message: nil),
  CheckCase(
    name: "declaration not signed", application: application(declared: false), record: citizen(applicant),
    message: "applicant 010170-XXXX has not signed the declaration on honour; it must be signed before the "
      + "application is recorded"),
  CheckCase(
    name: "identity not verified", application: application(documents: [PresentedDocument(.healthCard)]),
    record: citizen(applicant),
    message: "identity of applicant 010170-XXXX not verified: the health insurance card alone is not enough; "
      + wouldDo),
  CheckCase(
    name: "representative's identity not verified",
    application: application(
      appearance: .onBehalf(Representative(.name("Jens Hansen"), authority: .powerOfAttorney)),
      documents: [PresentedDocument(.passport, expires: day("2026-11-01"))]),
    record: citizen(applicant),
    message: "identity of representative Jens Hansen not verified: the passport expired on 2026-11-01, and no valid "
      + "document remains; " + wouldDo),
  CheckCase(
    name: "guardian with a CPR number",
    application: application(
      appearance: .onBehalf(Representative(.cpr(cpr("020280-2000")), authority: .guardian))),
    record: citizen(applicant), message: nil),
  CheckCase(
    name: "representative is the applicant",
    application: application(appearance: .onBehalf(Representative(.cpr(cpr(applicant)), authority: .guardian))),
    record: citizen(applicant),
    message: "applicant 010170-XXXX is named as their own representative; record the application as made in person"),
  CheckCase(
    name: "representative without a name",
    application: application(appearance: .onBehalf(Representative(.name("  "), authority: .powerOfAttorney))),
    record: citizen(applicant), message: "the representative has no name; give their name or CPR number"),
  CheckCase(
    name: "record of someone else", application: application(), record: citizen("020280-2000"),
    message: "the register's record is of 020280-XXXX, not 010170-XXXX; look the person up again"),
]

// §4: applicant 15+, alive, not already exempt, declaration signed, identity verified.
@Test("§4 check before recording an application", arguments: checkCases)
func check(row: CheckCase) {
  let message = domainMessage {
    try ExemptionRules.check(row.application, applicant: row.record, exemptionInForce: row.exemption)
  }
  #expect(message == row.message)
}

// §4: someone registered as living abroad is always granted; otherwise identity and declaration.
@Test("§4 decision")
func decide() {
  let granted = ExemptionRules.decide(
    application(criteria: [.impairment], paperCopies: true), applicant: citizen(applicant), exemptionInForce: nil,
    on: today)
  #expect(
    granted
      == .granted(
        Exemption(
          citizen: cpr(applicant), since: today, criteria: [.impairment], grantedForEmigration: false,
          paperCopiesRequested: true)))

  let abroad = citizen(applicant, status: .emigrated(since: day("2020-01-01")))
  let bare = application(criteria: [], declared: false, documents: [])
  // Granted, but for emigration only on that criterion (issue 22 item 5; see SecondRulesAuditRulesTests).
  #expect(
    ExemptionRules.decide(bare, applicant: abroad, exemptionInForce: nil, on: today)
      == .granted(Exemption(citizen: cpr(applicant), since: today, grantedForEmigration: false)))

  // Emigrating after the application date does not count.
  let later = citizen(applicant, status: .emigrated(since: day("2026-12-01")))
  #expect(
    ExemptionRules.decide(bare, applicant: later, exemptionInForce: nil, on: today)
      == .refused(.declarationMissing(cpr(applicant))))

  // No fixed residence is criterion 3, but not "living abroad": identity is still needed.
  let homeless = citizen(applicant, status: .noFixedResidence(since: day("2025-01-01")))
  #expect(
    ExemptionRules.decide(application(documents: []), applicant: homeless, exemptionInForce: nil, on: today)
      == .refused(.identityNotVerified(.applicant(cpr(applicant)), IdentityRules.Refusal(problems: [.noDocument]))))

  // Living abroad does not make a child or the dead eligible.
  let child = citizen("221211-4000", status: .emigrated(since: day("2020-01-01")))
  #expect(
    ExemptionRules.decide(application("221211-4000"), applicant: child, exemptionInForce: nil, on: today)
      == .refused(.tooYoung(.applicant, cpr("221211-4000"), age: 14, on: today)))
}

// §4: the paper copies cover the 6 months up to the day of the exemption.
@Test(
  "§4 paper copies of the last 6 months",
  arguments: [
    ("2026-11-22", "2026-05-22"), ("2026-08-31", "2026-02-28"), ("2028-08-31", "2028-02-29"),
  ])
func paperCopyPeriod(since: String, first: String) {
  let exemption = Exemption(citizen: cpr(applicant), since: day(since), paperCopiesRequested: true)
  #expect(exemption.paperCopyPeriod == day(first)...day(since))
  #expect(Exemption(citizen: cpr(applicant), since: day(since)).paperCopyPeriod == nil)
}

// §4: lasts for life until withdrawn; rejoining is possible at any time.
@Test("§4 withdrawal")
func withdrawal() throws {
  let exemption = Exemption(citizen: cpr(applicant), since: today)
  #expect(!exemption.isInForce(on: day("2026-11-21")))
  #expect(exemption.isInForce(on: today))
  #expect(exemption.isInForce(on: day("2090-01-01")))
  let withdrawn = try exemption.withdrawn(on: day("2026-12-01"))
  #expect(withdrawn.withdrawnOn == day("2026-12-01"))
  #expect(withdrawn.isInForce(on: day("2026-11-30")))
  #expect(!withdrawn.isInForce(on: day("2026-12-01")))
  #expect(try exemption.withdrawn(on: today).withdrawnOn == today)
  #expect(
    domainMessage { _ = try exemption.withdrawn(on: day("2026-11-21")) }
      == "the exemption of 010170-XXXX began on 2026-11-22, so it cannot be withdrawn on 2026-11-21; "
      + "use a date on or after 2026-11-22")
  #expect(
    domainMessage { _ = try withdrawn.withdrawn(on: day("2026-12-05")) }
      == "the exemption of 010170-XXXX was already withdrawn on 2026-12-01; nothing to withdraw")
}

// §4: an exemption granted for emigration ends when the citizen moves back to Denmark.
@Test("§1 status on a date from the history")
func statusHistory() {
  let history = [
    CPRStatusChange(.resident, from: day("1970-01-01")),
    CPRStatusChange(.emigrated(since: day("2020-01-01")), from: day("2020-01-01")),
  ]
  #expect(CPRStatusChange.status(on: day("1969-12-31"), in: history) == nil)
  #expect(CPRStatusChange.status(on: day("2019-12-31"), in: history) == .resident)
  #expect(CPRStatusChange.status(on: day("2020-01-01"), in: history) == .emigrated(since: day("2020-01-01")))
}

// §4: the same exemption always encodes to the same bytes (criteria in the form's order).
@Test("§4 exemption and application encode criteria in order")
func stableEncoding() throws {
  let exemption = Exemption(
    citizen: cpr(applicant), since: today, criteria: Set(ExemptionCriterion.allCases.reversed()))
  let encoder = JSONEncoder()
  encoder.outputFormatting = .sortedKeys
  let json = String(decoding: try encoder.encode(exemption), as: UTF8.self)
  #expect(
    json
      == #"{"citizen":"0101701000","criteria":["impairment","no-internet","emigrated","language","nemid"],"#
      + #""grantedForEmigration":false,"paperCopiesRequested":false,"since":"2026-11-22"}"#)
  #expect(try JSONDecoder().decode(Exemption.self, from: Data(json.utf8)) == exemption)

  let form = application(criteria: [.nemIDDifficulty, .impairment])
  let formJSON = try encoder.encode(form)
  #expect(String(decoding: formJSON, as: UTF8.self).contains(#""criteria":["impairment","nemid"]"#))
  #expect(try JSONDecoder().decode(ExemptionApplication.self, from: formJSON) == form)
}
