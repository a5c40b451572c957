import Testing

@testable import DigitalPost

private let today = day("2026-11-22")
private let owner = "010170-1000"
private let helper = "020280-2000"
private let passport = [PresentedDocument(.passport, expires: day("2030-01-31"))]
private let wouldDo =
  "bring one valid photo ID, or two documents without photo of which one shows the CPR number and at least one "
  + "is a health insurance card, a certificate of residential address, or a birth or name certificate"

private func request(
  owner: String = owner, helper: String = helper, level: AccessLevel = .read, from: String = "2026-11-22",
  until: String = "2027-11-22", consent: DelegatedAccess.Consent = .inPerson,
  documents: [PresentedDocument] = passport, confirmed: Bool = false
) -> AccessRequest {
  AccessRequest(
    owner: cpr(owner), helper: cpr(helper), level: level, from: day(from), until: day(until), consent: consent,
    documents: documents, exemptionLiftConfirmed: confirmed)
}

/// One row of the refusal table.
struct RefusalCase: Sendable, CustomTestStringConvertible {
  var name: String
  var request: AccessRequest
  var owner: RecipientState
  var helper: Citizen
  var message: String
  var testDescription: String { name }
}

private func active(_ number: String, status: CPRStatus = .resident, exempt: Bool = false) -> RecipientState {
  RecipientState(citizen: citizen(number, status: status), isExempt: exempt)
}

private let refusals: [RefusalCase] = [
  RefusalCase(
    name: "helper is owner", request: request(helper: owner), owner: active(owner), helper: citizen(owner),
    message: "owner 010170-XXXX cannot be their own helper; choose another citizen as helper"),
  RefusalCase(
    name: "owner deceased", request: request(), owner: active(owner, status: .deceased(on: day("2026-11-01"))),
    helper: citizen(helper),
    message: "owner 010170-XXXX died on 2026-11-01; their letterbox is closed, so no access can be given to it"),
  RefusalCase(
    name: "owner under 15", request: request(owner: "221211-4000"), owner: active("221211-4000"),
    helper: citizen(helper),
    message: "owner 221211-XXXX is 14 on 2026-11-22; an owner must be 15 or older (turns 15 on 2026-12-22)"),
  RefusalCase(
    name: "helper deceased", request: request(), owner: active(owner),
    helper: citizen(helper, status: .deceased(on: day("2026-11-01"))),
    message: "helper 020280-XXXX died on 2026-11-01; choose a living helper"),
  RefusalCase(
    name: "helper under 15", request: request(helper: "221211-4000"), owner: active(owner),
    helper: citizen("221211-4000"),
    message: "helper 221211-XXXX is 14 on 2026-11-22; a helper must be 15 or older (turns 15 on 2026-12-22)"),
  RefusalCase(
    name: "expiry in the past", request: request(from: "2026-10-01", until: "2026-11-01"), owner: active(owner),
    helper: citizen(helper),
    message: "expiry 2026-11-01 is in the past (today is 2026-11-22); choose a later expiry date"),
  RefusalCase(
    name: "expiry on the start date", request: request(until: "2026-11-22"), owner: active(owner),
    helper: citizen(helper),
    message: "expiry 2026-11-22 is not after the start 2026-11-22; choose an expiry date after the start"),
  RefusalCase(
    name: "expiry before a future start", request: request(from: "2026-12-01", until: "2026-11-30"),
    owner: active(owner), helper: citizen(helper),
    message: "expiry 2026-11-30 is not after the start 2026-12-01; choose an expiry date after the start"),
  RefusalCase(
    name: "exempt owner without confirmation", request: request(), owner: active(owner, exempt: true),
    helper: citizen(helper),
    message: "owner 010170-XXXX is exempt from Digital Post, and access lifts the exemption (the post must be "
      + "digital for the helper to read it); confirm that explicitly, or do not grant access"),
  RefusalCase(
    name: "owner's identity", request: request(documents: []), owner: active(owner), helper: citizen(helper),
    message: "identity of owner 010170-XXXX not verified: no identity document was presented; " + wouldDo),
  RefusalCase(
    name: "representative's identity",
    request: request(consent: .powerOfAttorney, documents: [PresentedDocument(.taxStatement)]),
    owner: active(owner), helper: citizen(helper),
    message: "identity of the representative of owner 010170-XXXX not verified: the tax statement alone is not "
      + "enough; " + wouldDo),
  RefusalCase(
    name: "wrong record", request: request(), owner: active(owner), helper: citizen("030390-3000"),
    message: "the register's record is of 030390-XXXX, not 020280-XXXX; look the person up again"),
  // §3, §6: registered abroad since before the 15th birthday, so no letterbox was ever assigned.
  RefusalCase(
    name: "owner never assigned a letterbox", request: request(owner: "101111-4001"),
    owner: active("101111-4001", status: .emigrated(since: day("2020-01-01"))), helper: citizen(helper),
    message: "owner 101111-XXXX has no letterbox: registered as living abroad since 2020-01-01, before turning 15 "
      + "on 2026-11-10, so none was assigned; access can be given once they are registered as living in Denmark"),
  // Abroad since the very birthday: no letterbox either.
  RefusalCase(
    name: "owner abroad from the 15th birthday", request: request(owner: "101111-4001"),
    owner: active("101111-4001", status: .emigrated(since: day("2026-11-10"))), helper: citizen(helper),
    message: "owner 101111-XXXX has no letterbox: registered as living abroad since 2026-11-10, before turning 15 "
      + "on 2026-11-10, so none was assigned; access can be given once they are registered as living in Denmark"),
]

// §3, §6: an owner who moved abroad after the 15th birthday keeps the letterbox (Act §3(4)).
@Test("§6 an owner abroad since after turning 15 has a letterbox")
func ownerAbroadAfterFifteen() throws {
  let grant = try AccessRules.grant(
    request(owner: "101111-4001"), owner: active("101111-4001", status: .emigrated(since: day("2026-11-11"))),
    helper: citizen(helper), existing: nil, on: today)
  #expect(grant.kind == .new)
}

// §6: an exemption ends the accesses the owner has given, once the clerk confirms it.
@Test("§6 an exemption ends the owner's accesses, confirmed")
func exemptionEndsAccesses() throws {
  let given = [helper, "030390-3000"].map {
    DelegatedAccess(
      owner: cpr(owner), helper: cpr($0), level: .readWrite, from: day("2026-01-01"), until: day("2027-01-31"),
      consent: .inPerson)
  }
  #expect(try AccessRules.endedByExemption(of: cpr(owner), [], confirmed: false, on: today) == [])
  #expect(
    domainMessage { _ = try AccessRules.endedByExemption(of: cpr(owner), given, confirmed: false, on: today) }
      == "owner 010170-XXXX has given access to their Digital Post to 020280-XXXX, 030390-XXXX, and an exemption "
      + "ends it (a helper can only read digital post); confirm that with --end-access, or do not grant the "
      + "exemption")
  let ended = try AccessRules.endedByExemption(of: cpr(owner), given, confirmed: true, on: today)
  #expect(ended.map(\.helper) == [cpr(helper), cpr("030390-3000")])
  #expect(ended.allSatisfy { $0.ending == DelegatedAccess.Ending(.ownerExempted, on: today) })
  #expect(
    ended[0].status(on: today, ownerStatus: .resident, helperStatus: .resident) == .ended(.ownerExempted, on: today))
  #expect(AccessEndReason.ownerExempted.wording == "ended because the owner was exempted")
}

// §6: owner 15+, alive, letterbox active (or exempt, confirmed); helper another living citizen
// 15+; expiry after the start and not in the past; the identity of whoever appeared.
@Test("§6 refusals of a grant", arguments: refusals)
func refusal(row: RefusalCase) {
  let message = domainMessage {
    _ = try AccessRules.grant(row.request, owner: row.owner, helper: row.helper, existing: nil, on: today)
  }
  #expect(message == row.message)
}

@Test("§6 a new grant, and one that lifts an exemption")
func newGrant() throws {
  let grant = try AccessRules.grant(request(), owner: active(owner), helper: citizen(helper), existing: nil, on: today)
  let expected = DelegatedAccess(
    owner: cpr(owner), helper: cpr(helper), level: .read, from: today, until: day("2027-11-22"), consent: .inPerson)
  #expect(grant == AccessGrant(access: expected, kind: .new, liftsExemption: false))

  let lifting = try AccessRules.grant(
    request(confirmed: true), owner: active(owner, exempt: true), helper: citizen(helper), existing: nil, on: today)
  #expect(lifting.liftsExemption)
  #expect(lifting.kind == .new)
}

// §6: one access per pair; granting again changes level or expiry, and says what changed.
@Test("§6 granting again for the same pair")
func grantAgain() throws {
  let existing = DelegatedAccess(
    owner: cpr(owner), helper: cpr(helper), level: .read, from: day("2026-01-01"), until: day("2027-01-31"),
    consent: .inPerson)
  let changed = try AccessRules.grant(
    request(level: .readWrite, until: "2028-01-31"), owner: active(owner), helper: citizen(helper),
    existing: existing, on: today)
  #expect(
    changed.kind
      == .changed([.level(from: .read, to: .readWrite), .until(from: day("2027-01-31"), to: day("2028-01-31"))]))
  #expect(changed.access.from == day("2026-01-01"))
  #expect(changed.access.level == .readWrite)
  #expect(changed.access.until == day("2028-01-31"))
  #expect(
    AccessChange.level(from: .read, to: .readWrite).description == "level read -> read-write"
      && AccessChange.until(from: day("2027-01-31"), to: day("2028-01-31")).description
        == "expiry 2027-01-31 -> 2028-01-31"
  )

  let same = try AccessRules.grant(
    request(until: "2027-01-31"), owner: active(owner), helper: citizen(helper), existing: existing, on: today)
  #expect(same.kind == .unchanged)
  #expect(same.access == existing)

  // An ended access for the pair does not count: the grant is new, from the requested start.
  var revoked = existing
  revoked.ending = DelegatedAccess.Ending(.revokedByOwner, on: day("2026-06-01"))
  let renewed = try AccessRules.grant(
    request(), owner: active(owner), helper: citizen(helper), existing: revoked, on: today)
  #expect(renewed.kind == .new)
  #expect(renewed.access.from == today)
}

private let access = DelegatedAccess(
  owner: cpr(owner), helper: cpr(helper), level: .read, from: day("2026-01-01"), until: day("2026-12-31"),
  consent: .inPerson)

// §6: ends at expiry (the expiry date is its last day, our rule), by revocation, by death.
@Test(
  "§6 access status on a date",
  arguments: [
    // (ending, owner status, helper status, date, expected)
    (nil, CPRStatus.resident, CPRStatus.resident, "2025-12-31", AccessStatus.notStarted(from: day("2026-01-01"))),
    (nil, .resident, .resident, "2026-01-01", .inForce(until: day("2026-12-31"))),
    (nil, .resident, .resident, "2026-12-31", .inForce(until: day("2026-12-31"))),
    (nil, .resident, .resident, "2027-01-01", .ended(.expired, on: day("2026-12-31"))),
    (
      DelegatedAccess.Ending(.revokedByOwner, on: day("2026-06-01")), .resident, .resident, "2026-05-31",
      .inForce(until: day("2026-12-31"))
    ),
    (
      DelegatedAccess.Ending(.revokedByOwner, on: day("2026-06-01")), .resident, .resident, "2026-06-01",
      .ended(.revokedByOwner, on: day("2026-06-01"))
    ),
    (
      DelegatedAccess.Ending(.givenUpByHelper, on: day("2026-06-01")), .resident, .resident, "2027-06-01",
      .ended(.givenUpByHelper, on: day("2026-06-01"))
    ),
    (nil, .deceased(on: day("2026-03-01")), .resident, "2026-02-28", .inForce(until: day("2026-12-31"))),
    (nil, .deceased(on: day("2026-03-01")), .resident, "2026-03-01", .ended(.ownerDied, on: day("2026-03-01"))),
    (nil, .resident, .deceased(on: day("2026-04-01")), "2026-04-01", .ended(.helperDied, on: day("2026-04-01"))),
    (nil, .deceased(on: day("2025-12-01")), .resident, "2026-02-01", .ended(.ownerDied, on: day("2025-12-01"))),
    (
      DelegatedAccess.Ending(.revokedByOwner, on: day("2026-06-01")), .deceased(on: day("2026-03-01")), .resident,
      "2026-07-01", .ended(.ownerDied, on: day("2026-03-01"))
    ),
    // Moving abroad does not end an access.
    (nil, .emigrated(since: day("2026-02-01")), .resident, "2026-03-01", .inForce(until: day("2026-12-31"))),
  ])
func status(
  ending: DelegatedAccess.Ending?, ownerStatus: CPRStatus, helperStatus: CPRStatus, date: String,
  expected: AccessStatus
) {
  var subject = access
  subject.ending = ending
  #expect(subject.status(on: day(date), ownerStatus: ownerStatus, helperStatus: helperStatus) == expected)
  let inForce = if case .inForce = expected { true } else { false }
  #expect(subject.isInForce(on: day(date), ownerStatus: ownerStatus, helperStatus: helperStatus) == inForce)
}

// §6: the owner revokes, the helper gives up, at any time; nobody else.
@Test("§6 revoke and give up")
func revokeAndGiveUp() throws {
  let revoked = try AccessRules.revoke(access, by: cpr(owner), on: day("2026-06-01"))
  #expect(revoked.ending == DelegatedAccess.Ending(.revokedByOwner, on: day("2026-06-01")))
  let givenUp = try AccessRules.giveUp(access, by: cpr(helper), on: day("2026-06-01"))
  #expect(givenUp.ending == DelegatedAccess.Ending(.givenUpByHelper, on: day("2026-06-01")))
  // Before it starts is "any time" too.
  #expect(try AccessRules.revoke(access, by: cpr(owner), on: day("2025-12-01")).ending?.on == day("2025-12-01"))

  #expect(
    domainMessage { _ = try AccessRules.revoke(access, by: cpr(helper), on: today) }
      == "020280-XXXX is not the owner of this access (the owner is 010170-XXXX); only the owner can revoke it, "
      + "the helper can give it up")
  #expect(
    domainMessage { _ = try AccessRules.giveUp(access, by: cpr(owner), on: today) }
      == "010170-XXXX is not the helper of this access (the helper is 020280-XXXX); only the helper can give it up, "
      + "the owner can revoke it")
  #expect(
    domainMessage { _ = try AccessRules.giveUp(revoked, by: cpr(helper), on: today) }
      == "the access of helper 020280-XXXX to owner 010170-XXXX's post already ended on 2026-06-01 "
      + "(revoked by the owner); nothing to end")
  #expect(
    domainMessage { _ = try AccessRules.revoke(access, by: cpr(owner), on: day("2027-02-01")) }
      == "the access of helper 020280-XXXX to owner 010170-XXXX's post already ended on 2026-12-31 (expired); "
      + "nothing to end")
}

// §6: what each level allows, for the letters.
@Test("§6 level wording")
func levelWording() {
  #expect(AccessLevel.read.wording(in: .da) == "læseadgang")
  #expect(AccessLevel.readWrite.wording(in: .da) == "læse- og skriveadgang")
  #expect(AccessLevel.readWrite.wording(in: .en) == "read and write access")
  for language in Language.allCases {
    #expect(AccessLevel.read.allows(in: language).count == 4)
    #expect(AccessLevel.readWrite.allows(in: language).count == 5)
    #expect(AccessLevel.read.doesNotAllow(in: language).count == 4)
    #expect(AccessLevel.readWrite.doesNotAllow(in: language).count == 3)
  }
  #expect(AccessLevel.readWrite.allows(in: .en).last == "write and reply (the authority can see who helped)")
  #expect(
    AccessLevel.read.doesNotAllow(in: .en)
      == ["delete post permanently", "write or reply", "change notification settings", "give others access"])
  #expect(AccessLevel.read.rawValue == "read" && AccessLevel.readWrite.rawValue == "read-write")
}
