import Testing

@testable import DigitalPost

// The rules the audit found wrong, each at its rule; the end-to-end tests are in
// PostDeskCommandTests/RulesAuditTests.swift.

private let today = day("2026-11-22")
private let owner = "010170-1000"
private let helper = "010180-2000"

private let access = DelegatedAccess(
  owner: cpr(owner), helper: cpr(helper), level: .read, from: day("2026-01-01"), until: day("2026-12-01"),
  consent: .inPerson)

/// (owner's status, helper's status, date, expected status)
private let accessCases: [(CPRStatus, CPRStatus, String, AccessStatus)] = [
  // §6 and `OurRules.accessValidThroughExpiryDate`: the expiry date is the last day.
  (.resident, .resident, "2026-12-01", .inForce(until: day("2026-12-01"))),
  (.resident, .resident, "2026-12-02", .ended(.expired, on: day("2026-12-01"))),
  // §6: the access ends on the day either person dies.
  (.deceased(on: day("2026-06-01")), .resident, "2026-06-01", .ended(.ownerDied, on: day("2026-06-01"))),
  (.deceased(on: day("2026-06-01")), .resident, "2026-05-31", .inForce(until: day("2026-12-01"))),
  (.resident, .deceased(on: day("2026-06-01")), "2026-07-01", .ended(.helperDied, on: day("2026-06-01"))),
]

@Test("§6 access status: through the expiry date, ended by a death", arguments: accessCases)
func accessStatus(ownerStatus: CPRStatus, helperStatus: CPRStatus, on date: String, expected: AccessStatus) {
  #expect(access.status(on: day(date), ownerStatus: ownerStatus, helperStatus: helperStatus) == expected)
}

@Test("§6 an access ended by a death can be neither revoked nor given up")
func endingAfterDeath() throws {
  let died = CPRStatus.deceased(on: day("2026-06-01"))
  let message =
    "the access of helper 010180-XXXX to owner 010170-XXXX's post already ended on 2026-06-01 "
    + "(ended by the owner's death); nothing to end"
  #expect(
    domainMessage { _ = try AccessRules.revoke(access, by: cpr(owner), on: day("2026-07-01"), ownerStatus: died) }
      == message)
  #expect(
    domainMessage { _ = try AccessRules.giveUp(access, by: cpr(helper), on: day("2026-07-01"), ownerStatus: died) }
      == message)
  #expect(try AccessRules.giveUp(access, by: cpr(helper), on: day("2026-12-01")).ending?.reason == .givenUpByHelper)
}

private func application(
  documents: [PresentedDocument] = [PresentedDocument(.passport, expires: day("2030-01-31"))],
  appearance: ExemptionApplication.Appearance = .inPerson
) -> ExemptionApplication {
  ExemptionApplication(
    applicant: cpr(owner), declaredOnHonour: true, appearance: appearance, documents: documents, date: today,
    centre: copenhagen)
}

@Test("§4 Act §5(1): a request from someone living abroad cannot be refused")
func emigrantRefusal() {
  let abroad = citizen(owner, status: .emigrated(since: day("2020-01-01")))
  #expect(
    domainMessage { try ExemptionRules.checkRefusal(application(), applicant: abroad, on: today) }
      == "applicant 010170-XXXX is registered as living abroad, and such a request is always granted "
      + "(Digital Post Act §5(1)); grant it instead")
  #expect(domainMessage { try ExemptionRules.checkRefusal(application(), applicant: citizen(owner), on: today) } == nil)
}

@Test("§4 death is checked at the decision date; the exemption starts on it")
func decisionDate() {
  let died = citizen(owner, status: .deceased(on: day("2026-11-25")))
  #expect(
    ExemptionRules.decide(application(), applicant: died, exemptionInForce: nil, on: day("2026-11-27"))
      == .refused(.deceased(.applicant, cpr(owner), on: day("2026-11-25"))))
  #expect(
    ExemptionRules.decide(application(), applicant: citizen(owner), exemptionInForce: nil, on: day("2026-11-27"))
      == .granted(Exemption(citizen: cpr(owner), since: day("2026-11-27"))))
}

@Test("§4 a move back on the day of the grant ends an emigration exemption that day")
func moveBackOnGrantDay() {
  let exemption = Exemption(citizen: cpr(owner), since: today, grantedForEmigration: true)
  #expect(ExemptionRules.endOnReturn(of: exemption, returnedOn: today, importedOn: today) == today)
}

/// (representative, expected message)
private let representativeCases: [(Citizen, String?)] = [
  (citizen("010190-3000"), nil),
  (
    citizen("010190-3000", status: .deceased(on: day("2026-01-01"))),
    "representative 010190-XXXX died on 2026-01-01; only a living person can apply on the citizen's behalf"
  ),
  (
    citizen("221110-4000"),
    "representative 221110-XXXX is 16 on 2026-11-22; a representative must be 18 or older (of age on 2028-11-22)"
  ),
  (
    citizen("290212-4000"),
    "representative 290212-XXXX is 14 on 2026-11-22; a representative must be 18 or older (of age on 2030-03-01)"
  ),
]

@Test("§4 a representative is alive and of age (18)", arguments: representativeCases)
func representative(person: Citizen, message: String?) {
  let onBehalf = application(appearance: .onBehalf(Representative(.cpr(person.cpr), authority: .powerOfAttorney)))
  #expect(
    domainMessage {
      try ExemptionRules.check(onBehalf, applicant: citizen(owner), exemptionInForce: nil, representative: person)
    } == message)
}

@Test("§4 one undecided application at a time")
func pendingApplication() {
  let pending = PendingApplication(id: 7, receivedOn: day("2026-11-20"))
  #expect(
    domainMessage {
      try ExemptionRules.check(application(), applicant: citizen(owner), exemptionInForce: nil, undecided: pending)
    } == "applicant 010170-XXXX already has application 7 of 2026-11-20 awaiting a decision; decide that one first")
}

private let bringID =
  "bring one valid photo ID, or two documents without photo of which one shows the CPR number and at least one "
  + "is a health insurance card, a certificate of residential address, or a birth or name certificate"

/// (documents, expected verdict): seed 001's list, entry by entry.
private let identityCases: [([PresentedDocument], Verdict)] = [
  (
    [PresentedDocument(.healthCard), PresentedDocument(.residenceCertificate, cprNumberShown: true)],
    .notAccepted(
      reason: "the health insurance card and the certificate of residential address are one kind of document "
        + "(one entry of the list), not two; " + bringID)
  ),
  (
    [PresentedDocument(.passport)],
    .notAccepted(
      reason: "the passport was given without its expiry date (passport:YYYY-MM-DD), and no valid document remains; "
        + bringID)
  ),
  (
    [PresentedDocument(.healthCard), PresentedDocument(.birthCertificate)],
    .accepted(.twoWithoutPhoto(.healthCard, .birthCertificate))
  ),
]

@Test("§5 identity: one entry of the list is one kind; a photo ID needs its expiry date", arguments: identityCases)
func identity(documents: [PresentedDocument], expected: Verdict) {
  #expect(verdict(documents, on: today) == expected)
}

/// (status, date, expected state): §3, the letterbox is assigned to those living in Denmark.
private let letterboxCases: [(CPRStatus, String, LetterboxState)] = [
  (.emigrated(since: day("2020-01-01")), "2026-12-22", .notAssignedWhileAbroad),
  (.emigrated(since: day("2026-12-23")), "2026-12-23", .active(since: day("2026-12-22"))),
  (.resident, "2026-12-22", .active(since: day("2026-12-22"))),
]

@Test("§3 a child living abroad gets no letterbox at 15", arguments: letterboxCases)
func letterboxAbroad(status: CPRStatus, on date: String, expected: LetterboxState) {
  let state = RecipientState(citizen: citizen("221211-4000", status: status), isExempt: false)
  #expect(LetterboxRules.state(of: state, on: day(date)) == expected)
  #expect(
    LetterboxRules.isAssigned(onDueDate: day("2026-12-22"), status: status) == (expected != .notAssignedWhileAbroad))
}

@Test("§3 the notice goes to living custody holders")
func noticeRecipients() {
  let holders: [(CPRNumber, CPRStatus?)] = [
    (cpr(owner), .resident), (cpr(helper), .deceased(on: day("2026-01-01"))), (cpr("010190-3000"), nil),
  ]
  #expect(LetterboxRules.noticeRecipients(holders, on: today) == [cpr(owner)])
}

@Test("§2 a birth date after the date of registration is an error")
func bornAfter() {
  #expect(
    domainMessage { try cpr("010150-5000").checkBorn(by: today) }
      == "010150-XXXX gives the birth date 2050-01-01, after 2026-11-22; check the number (the 7th digit and the "
      + "year give the century)")
  #expect(domainMessage { try cpr("221126-4000").checkBorn(by: today) } == nil)
}
