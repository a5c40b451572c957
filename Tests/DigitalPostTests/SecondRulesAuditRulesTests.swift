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
