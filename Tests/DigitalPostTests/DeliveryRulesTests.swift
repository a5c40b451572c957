import Testing

@testable import DigitalPost

private let foreign = PostalAddress.foreign(
  ForeignAddress(lines: ["Calle Mayor 1", "28013 Madrid"], countryCode: "ES"))

/// The register as it stood on the letter dates below.
private let register: [CPRNumber: RecipientState] = {
  let states = [
    RecipientState(citizen: citizen("010170-1000"), isExempt: false),
    RecipientState(citizen: citizen("020280-2000"), isExempt: true),
    RecipientState(citizen: citizen("030390-3000", address: foreign), isExempt: true),
    RecipientState(citizen: citizen("040490-4000", address: .none), isExempt: true),
    RecipientState(citizen: citizen("050550-1000", status: .deceased(on: day("2026-01-01"))), isExempt: false),
    RecipientState(
      citizen: citizen("010115-4000", custodyHolders: ["010170-1000", "020280-2000"]), isExempt: false),
    RecipientState(citizen: citizen("020215-4000"), isExempt: false),
    RecipientState(citizen: citizen("030315-4000", custodyHolders: ["070770-7000"]), isExempt: false),
    RecipientState(citizen: citizen("040415-4000", custodyHolders: ["040415-4000"]), isExempt: false),
    RecipientState(citizen: citizen("060660-1000", status: .emigrated(since: day("2020-01-01"))), isExempt: false),
    RecipientState(citizen: citizen("221111-4000"), isExempt: false),
    RecipientState(citizen: citizen("050515-4000", status: .deceased(on: day("2026-01-01"))), isExempt: false),
    // Registered abroad since before turning 15 (on 2026-11-10): never assigned a letterbox.
    RecipientState(
      citizen: citizen(
        "101111-4001", status: .emigrated(since: day("2020-01-01")), address: foreign,
        custodyHolders: ["010170-1000", "020280-2000"]), isExempt: false),
    RecipientState(
      citizen: citizen("111111-4002", status: .emigrated(since: day("2020-01-01")), address: foreign), isExempt: false),
    RecipientState(
      citizen: citizen("121111-4003", status: .emigrated(since: day("2020-01-01")), address: foreign), isExempt: true),
    // Moved abroad the day after turning 15: the letterbox was assigned, and stays (Act §3(4)).
    RecipientState(
      citizen: citizen("091111-4004", status: .emigrated(since: day("2026-11-10")), address: foreign), isExempt: false),
  ]
  return Dictionary(uniqueKeysWithValues: states.map { ($0.citizen.cpr, $0) })
}()

// §7: every case, with every status taken as of the letter date.
@Test(
  "§7 channel choice",
  arguments: [
    (
      "070770-7000", "2026-11-22", DeliveryChannel.undeliverable(.unknownRecipient),
      "§7.1: 070770-XXXX is not in the register"
    ),
    ("050550-1000", "2026-11-22", .undeliverable(.deceased), "§7.2: deceased on 2026-01-01"),
    ("050550-1000", "2026-01-01", .undeliverable(.deceased), "§7.2: deceased on 2026-01-01"),
    ("050550-1000", "2025-12-31", .digital(cpr("050550-1000")), "§7.5: letterbox in use"),
    ("050515-4000", "2026-11-22", .undeliverable(.deceased), "§7.2: deceased on 2026-01-01"),
    (
      "010115-4000", "2026-11-22",
      .custodyHolders([.digital(cpr("010170-1000")), .paper(cpr("020280-2000"))]),
      "§7.3: under 15, one copy to each of 2 custody holder(s)"
    ),
    (
      "020215-4000", "2026-11-22", .undeliverable(.noCustodyHolders),
      "§7.3: under 15 and no custody holder recorded"
    ),
    (
      "030315-4000", "2026-11-22", .custodyHolders([.undeliverable(.unknownRecipient)]),
      "§7.3: under 15, one copy to each of 1 custody holder(s)"
    ),
    (
      "040415-4000", "2026-11-22", .undeliverable(.noCustodyHolders),
      "§7.3: under 15 and no custody holder recorded"
    ),
    ("221111-4000", "2026-11-21", .undeliverable(.noCustodyHolders), "§7.3: under 15 and no custody holder recorded"),
    ("221111-4000", "2026-11-22", .digital(cpr("221111-4000")), "§7.5: letterbox in use"),
    ("020280-2000", "2026-11-22", .paper(cpr("020280-2000")), "§7.4: exempt from Digital Post"),
    ("030390-3000", "2026-11-22", .paper(cpr("030390-3000")), "§7.4: exempt from Digital Post"),
    (
      "040490-4000", "2026-11-22", .heldForCollection(cpr("040490-4000"), copenhagen),
      "§7.4: exempt with no postal address, held at the centre of municipality 101"
    ),
    ("060660-1000", "2026-11-22", .digital(cpr("060660-1000")), "§7.5: letterbox in use"),
    ("010170-1000", "2026-11-22", .digital(cpr("010170-1000")), "§7.5: letterbox in use"),
    // §7.5: no letterbox ever assigned: as before 15, the custody holders, or undeliverable.
    (
      "101111-4001", "2026-11-22",
      .custodyHolders([.digital(cpr("010170-1000")), .paper(cpr("020280-2000"))]),
      "§7.5: no letterbox assigned (registered abroad since before turning 15), one copy to each of 2 custody "
        + "holder(s)"
    ),
    (
      "111111-4002", "2026-11-22", .undeliverable(.noLetterbox),
      "§7.5: no letterbox assigned (registered abroad since before turning 15) and no custody holder recorded"
    ),
    ("121111-4003", "2026-11-22", .paper(cpr("121111-4003")), "§7.4: exempt from Digital Post"),
    ("091111-4004", "2026-11-22", .digital(cpr("091111-4004")), "§7.5: letterbox in use"),
  ])
func route(number: String, date: String, channel: DeliveryChannel, reason: String) {
  let decision = DeliveryRules.route(cpr(number), on: day(date)) { register[$0]?.routingFacts }
  #expect(decision == RoutingDecision(channel: channel, reason: reason))
}

@Test("§7 channel names for reports")
func channelNames() {
  #expect(DeliveryChannel.digital(cpr("010170-1000")).name == "digital")
  #expect(DeliveryChannel.paper(cpr("010170-1000")).name == "paper")
  #expect(DeliveryChannel.custodyHolders([]).name == "custody-holders")
  #expect(DeliveryChannel.heldForCollection(cpr("010170-1000"), copenhagen).name == "held-for-collection")
  #expect(DeliveryChannel.undeliverable(.deceased).name == "undeliverable")
}

@Test("§7 routing facts: a state gives what routing reads, and nothing of the address but its presence")
func routingFactsOfAState() {
  let child = register[cpr("010115-4000")]!.routingFacts
  #expect(
    child
      == RoutingFacts(
        status: .resident, custodyHolders: [cpr("010170-1000"), cpr("020280-2000")], hasPostalAddress: true,
        municipality: copenhagen, isExempt: false))
  #expect(register[cpr("030390-3000")]!.routingFacts.hasPostalAddress)
  #expect(register[cpr("030390-3000")]!.routingFacts.isExempt)
  #expect(!register[cpr("040490-4000")]!.routingFacts.hasPostalAddress)
  #expect(register[cpr("050550-1000")]!.routingFacts.status == .deceased(on: day("2026-01-01")))
}
