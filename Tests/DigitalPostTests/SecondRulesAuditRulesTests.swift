import Testing

@testable import DigitalPost

// Issue 22's second audit, items 5, 6, 8 and 9, each at its rule; end to end in
// PostDeskCommandTests/SecondRulesAuditTests.swift.

private let effective = day("2026-11-22")

/// (citizen, the refusal; nil: registrable)
private let registrations: [(Citizen, String?)] = [
  // §2: dead before the birth the number gives.
  (
    citizen("010203-4234", status: .deceased(on: day("2001-12-31"))),
    "010203-XXXX is registered as dead on 2001-12-31, before the birth date 2003-02-01 the number gives; "
      + "check the date of death and the number"
  ),
  // §2: a death on the birth day is possible.
  (citizen("010203-4234", status: .deceased(on: day("2003-02-01"))), nil),
  // §2: a death after the day the extract takes effect.
  (
    citizen("010203-4234", status: .deceased(on: day("2026-11-23"))),
    "010203-XXXX is registered as dead on 2026-11-23, after 2026-11-22, the day the record takes effect; "
      + "a death is registered once it has happened: check the date of death"
  ),
  (citizen("010203-4234", status: .deceased(on: effective)), nil),
  // §2: the birth itself after the day (the check that was there before).
  (
    citizen("010150-5000"),
    "010150-XXXX gives the birth date 2050-01-01, after 2026-11-22; check the number (the 7th digit and the "
      + "year give the century)"
  ),
  // §3: one person named as both custody holders.
  (
    citizen("010120-4000", custodyHolders: ["140382-3518", "1403823518"]),
    "010120-XXXX names 140382-XXXX as both custody holders; name each custody holder once"
  ),
  (citizen("010120-4000", custodyHolders: ["140382-3518", "020780-2743"]), nil),
  (citizen("010120-4000", custodyHolders: ["140382-3518"]), nil),
]

@Test(
  "§2, §3 what the register may hold: no death before birth or in the future, two custody holders two people",
  arguments: registrations)
func registrable(citizen: Citizen, refusal: String?) {
  #expect(domainMessage { try citizen.checkRegistrable(on: effective) } == refusal)
}

// MARK: §4 exemption for emigration (items 5 and 6)

private let applicant = "010170-1000"

private func applicationOn(_ date: String, criteria: Set<ExemptionCriterion>) -> ExemptionApplication {
  ExemptionApplication(
    applicant: cpr(applicant), criteria: criteria, declaredOnHonour: true, appearance: .inPerson,
    documents: [PresentedDocument(.passport, expires: day("2030-01-31"))], paperCopiesRequested: false,
    date: day(date), centre: copenhagen)
}

/// (criteria, the applicant's status on the decision day, is the grant for emigration)
private let emigrationGrants: [(Set<ExemptionCriterion>, CPRStatus, Bool)] = [
  // §4: on the emigration criterion, from abroad on the application date.
  ([.emigratedOrNoFixedResidence], .emigrated(since: day("2026-01-01")), true),
  ([.emigratedOrNoFixedResidence, .impairment], .emigrated(since: day("2026-11-20")), true),
  // §4: a resident applied on impairment, and was registered abroad before the decision.
  ([.impairment], .emigrated(since: day("2026-11-21")), false),
  // §4: on the emigration criterion, but the emigration came after the application.
  ([.emigratedOrNoFixedResidence], .emigrated(since: day("2026-11-21")), false),
  // §4: from abroad, on other criteria.
  ([.languageBarriers], .emigrated(since: day("2026-01-01")), false),
  // §4: on that criterion, without fixed residence in Denmark: not from abroad.
  ([.emigratedOrNoFixedResidence], .noFixedResidence(since: day("2026-01-01")), false),
  ([.emigratedOrNoFixedResidence], .resident, false),
]

@Test(
  "§4 only an application on the emigration criterion from abroad is an exemption for emigration",
  arguments: emigrationGrants)
func grantForEmigration(criteria: Set<ExemptionCriterion>, status: CPRStatus, forEmigration: Bool) {
  let decision = ExemptionRules.decide(
    applicationOn("2026-11-20", criteria: criteria), applicant: citizen(applicant, status: status),
    exemptionInForce: nil, on: day("2026-11-22"))
  guard case .granted(let exemption) = decision else {
    Issue.record("refused: \(decision)")
    return
  }
  #expect(exemption.grantedForEmigration == forEmigration)
}

/// (granted for emigration on, returned on, imported on, the day it ends)
private let returns: [(Bool, String, String, String?)] = [
  // §4: the return day, also the day of the grant.
  (true, "2026-12-01", "2026-12-03", "2026-12-01"),
  (true, "2026-11-22", "2026-11-22", "2026-11-22"),
  // §4: a return back-dated to before the grant ends it on the day it is imported.
  (true, "2026-11-20", "2026-11-24", "2026-11-24"),
  // §4: a return in the future ends it on that day.
  (true, "2027-01-10", "2026-11-24", "2027-01-10"),
  // §4: an exemption on other grounds lasts until withdrawn.
  (false, "2026-11-20", "2026-11-24", nil),
]

@Test(
  "§4 a return ends an exemption for emigration: on the return day, or the day a back-dated return is imported",
  arguments: returns)
func endOnReturn(forEmigration: Bool, returnedOn: String, importedOn: String, ends: String?) {
  let exemption = Exemption(citizen: cpr(applicant), since: effective, grantedForEmigration: forEmigration)
  #expect(
    ExemptionRules.endOnReturn(of: exemption, returnedOn: day(returnedOn), importedOn: day(importedOn))
      == ends.map(day))
}
