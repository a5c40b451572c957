import Testing

@testable import DigitalPost

/// (the citizen's CPR status, the day of the withdrawal, the refusal; nil: withdrawn that day)
private let withdrawalCases: [(CPRStatus, String, String?)] = [
  (.resident, "2026-11-22", nil),
  (.emigrated(since: day("2026-01-01")), "2026-11-22", nil),
  (
    .deceased(on: day("2026-06-15")), "2026-11-22",
    "the exemption of 010170-XXXX ended with their death on 2026-06-15; nothing to withdraw"
  ),
  (
    .deceased(on: day("2026-11-22")), "2026-11-22",
    "the exemption of 010170-XXXX ended with their death on 2026-11-22; nothing to withdraw"
  ),
  // A death registered for a later day has not happened yet on the day of the withdrawal.
  (.deceased(on: day("2026-11-23")), "2026-11-22", nil),
]

// §4: the citizen may withdraw the exemption at any time — while alive: it ended with the death.
@Test("§4 withdrawing an exemption, and a death", arguments: withdrawalCases)
func withdrawal(status: CPRStatus, date: String, refusal: String?) throws {
  let exemption = Exemption(citizen: cpr("010170-1000"), since: day("2026-01-01"))
  #expect(domainMessage { _ = try ExemptionRules.withdraw(exemption, status: status, on: day(date)) } == refusal)
  if refusal == nil {
    #expect(try ExemptionRules.withdraw(exemption, status: status, on: day(date)).withdrawnOn == day(date))
  }
}

// §4: an application is withdrawn by the applicant — while alive; after a death it is refused.
@Test("§4 withdrawing an application, and a death", arguments: withdrawalCases)
func applicationWithdrawal(status: CPRStatus, date: String, refusal: String?) {
  let message = domainMessage {
    try ExemptionRules.checkApplicationWithdrawal(3, applicant: citizen("010170-1000", status: status), on: day(date))
  }
  guard case .deceased(let died) = status, refusal != nil else {
    #expect(message == nil)
    return
  }
  #expect(
    message
      == "applicant 010170-XXXX died on \(died), so application 3 cannot be withdrawn by them; refuse it instead "
      + "(--refuse REASON)")
}
