import DigitalPost
import Testing

@testable import Registry

@Suite("History and as-of reads")
struct HistoryTests {
  let a = Fixtures.cpr("090685-4012")

  @Test func changedAddressKeepsTheOldVersion() throws {
    let registry = try Registry.inMemory()
    try registry.write(Fixtures.clerk) {
      try $0.upsertCitizen(Fixtures.citizen(a.digits), effective: Fixtures.date("2026-01-01"))
    }
    let moved = Fixtures.citizen(a.digits, street: "Nørregade")
    let change = try registry.write(Fixtures.clerk) {
      try $0.upsertCitizen(moved, effective: Fixtures.date("2026-03-03"))
    }
    #expect(change == .updated)
    #expect(try registry.citizen(a, asOf: Fixtures.date("2025-12-31")) == nil)
    #expect(try registry.citizen(a, asOf: Fixtures.date("2026-03-02"))?.address == Fixtures.citizen(a.digits).address)
    #expect(try registry.citizen(a, asOf: Fixtures.date("2026-03-03")) == moved)
    #expect(try registry.citizen(a, asOf: Fixtures.date("2030-01-01")) == moved)
    #expect(try Fixtures.count(registry, "citizen") == 2)
  }

  @Test func unchangedCitizenWritesNothing() throws {
    let registry = try Registry.inMemory()
    try registry.write(Fixtures.clerk) {
      try $0.upsertCitizen(Fixtures.citizen(a.digits), effective: Fixtures.date("2026-01-01"))
    }
    let change = try registry.write(Fixtures.clerk) {
      try $0.upsertCitizen(Fixtures.citizen(a.digits), effective: Fixtures.date("2026-05-01"))
    }
    #expect(change == .unchanged)
    #expect(try Fixtures.count(registry, "citizen") == 1)
    #expect(try registry.auditEntryCount() == 1)
  }

  @Test func changeBeforeTheCurrentVersionIsRefused() throws {
    let registry = try Registry.inMemory()
    try registry.write(Fixtures.clerk) {
      try $0.upsertCitizen(Fixtures.citizen(a.digits), effective: Fixtures.date("2026-05-01"))
    }
    #expect(
      throws: RegistryError(
        "090685-XXXX is registered as changed on 2026-05-01; a change effective 2026-04-01 cannot precede it")
    ) {
      try registry.write(Fixtures.clerk) {
        try $0.upsertCitizen(Fixtures.citizen(a.digits, street: "Algade"), effective: Fixtures.date("2026-04-01"))
      }
    }
  }

  @Test func exemptionStartAndEnd() throws {
    let registry = try Registry.inMemory()
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(Fixtures.citizen(a.digits), effective: Fixtures.date("2026-01-01"))
      let id = try tx.recordApplication(
        a, receivedOn: Fixtures.date("2026-02-01"), criteria: [.languageBarriers], representative: nil,
        identityDocuments: [PresentedDocument(.passport, expires: Fixtures.date("2030-01-01"))], paperCopies: true)
      try tx.recordDecision(applicationID: id, granted: true, reason: nil, effective: Fixtures.date("2026-02-01"))
      try tx.startExemption(
        a, since: Fixtures.date("2026-02-01"), criteria: [.languageBarriers], forEmigration: false, applicationID: id,
        paperCopiesFrom: Fixtures.date("2025-08-01"))
    }
    try registry.write(Fixtures.clerk) { try $0.endExemption(a, on: Fixtures.date("2026-06-01"), reason: .withdrawn) }
    #expect(try registry.exemption(a, asOf: Fixtures.date("2026-01-31")) == nil)
    #expect(try registry.exemption(a, asOf: Fixtures.date("2026-02-01"))?.criteria == [.languageBarriers])
    #expect(try registry.recipientState(a, asOf: Fixtures.date("2026-05-31"))?.isExempt == true)
    #expect(try registry.recipientState(a, asOf: Fixtures.date("2026-06-01"))?.isExempt == false)
    let application = try #require(try registry.application(id: 1))
    #expect(application.identityDocuments == [PresentedDocument(.passport, expires: Fixtures.date("2030-01-01"))])
    #expect(application.decision?.granted == true)
    #expect(application.clerk == "ab12")
    #expect(try registry.exemptions(a).first?.endReason == .withdrawn)
  }

  @Test func secondOpenExemptionIsRefused() throws {
    let registry = try Registry.inMemory()
    try registry.write(Fixtures.clerk) {
      try $0.startExemption(
        a, since: Fixtures.date("2026-02-01"), criteria: [.impairment], forEmigration: false, applicationID: nil,
        paperCopiesFrom: nil)
    }
    #expect(
      throws: RegistryError(
        "090685-XXXX is already exempt since 2026-02-01; end that exemption before starting another")
    ) {
      try registry.write(Fixtures.clerk) {
        try $0.startExemption(
          a, since: Fixtures.date("2026-03-01"), criteria: [.impairment], forEmigration: false, applicationID: nil,
          paperCopiesFrom: nil)
      }
    }
  }

  @Test func accessGrantChangeAndEnd() throws {
    let registry = try Registry.inMemory()
    let helper = Fixtures.cpr("220284-3011")
    try registry.write(Fixtures.clerk) {
      try $0.upsertAccess(
        owner: a, helper: helper, level: .read, from: Fixtures.date("2026-01-10"), until: Fixtures.date("2027-01-10"),
        consent: .inPerson)
    }
    let (previous, current) = try registry.write(Fixtures.clerk) {
      try $0.upsertAccess(
        owner: a, helper: helper, level: .readWrite, from: Fixtures.date("2026-04-01"),
        until: Fixtures.date("2028-01-01"), consent: .inPerson)
    }
    #expect(previous?.level == .read)
    #expect(previous?.endedOn == Fixtures.date("2026-04-01"))
    #expect(current.level == .readWrite)
    try registry.write(Fixtures.clerk) {
      try $0.endAccess(owner: a, helper: helper, on: Fixtures.date("2026-09-01"), reason: .revokedByOwner)
    }
    #expect(try registry.accesses(owner: a, asOf: Fixtures.date("2026-01-09")).isEmpty)
    #expect(try registry.accesses(owner: a, asOf: Fixtures.date("2026-03-31")).map(\.level) == [.read])
    #expect(try registry.accesses(helper: helper, asOf: Fixtures.date("2026-04-01")).map(\.level) == [.readWrite])
    #expect(try registry.accesses(owner: a, asOf: Fixtures.date("2026-09-01")).isEmpty)
    #expect(try registry.auditEntries(about: a).map(\.action) == ["access.grant", "access.change", "access.end"])
  }

  @Test func accessEndsAtExpiry() throws {
    let registry = try Registry.inMemory()
    let helper = Fixtures.cpr("220284-3011")
    try registry.write(Fixtures.clerk) {
      try $0.upsertAccess(
        owner: a, helper: helper, level: .read, from: Fixtures.date("2026-01-10"), until: Fixtures.date("2026-02-10"),
        consent: .powerOfAttorney)
    }
    // Domain §6, `OurRules.accessValidThroughExpiryDate`: the expiry date is the last day.
    #expect(try registry.accesses(owner: a, asOf: Fixtures.date("2026-02-10")).count == 1)
    #expect(try registry.accesses(owner: a, asOf: Fixtures.date("2026-02-11")).isEmpty)
  }

  @Test func failedUseCaseWritesNothing() throws {
    let registry = try Registry.inMemory()
    #expect(throws: RegistryError("090685-XXXX has no exemption in force to end")) {
      try registry.write(Fixtures.clerk) { tx in
        try tx.upsertCitizen(Fixtures.citizen(a.digits), effective: Fixtures.date("2026-01-01"))
        try tx.endExemption(a, on: Fixtures.date("2026-02-01"), reason: .withdrawn)
      }
    }
    #expect(try Fixtures.count(registry, "citizen") == 0)
    #expect(try registry.auditEntryCount() == 0)
  }

  @Test func auditTextNeverHoldsAFullCPRNumber() throws {
    let registry = try Registry.inMemory()
    let child = Fixtures.citizen("031211-8254", holders: [a.digits])
    try registry.write(Fixtures.clerk) { try $0.upsertCitizen(child, effective: Fixtures.date("2026-01-01")) }
    let entries = try registry.auditEntries(about: child.cpr)
    #expect(entries.count == 1)
    for entry in entries {
      let text = [entry.subject, entry.before ?? "", entry.after ?? ""].joined()
      #expect(!text.contains("0312118254") && !text.contains("8254") && !text.contains(a.digits))
      #expect(text.contains("031211-XXXX") && text.contains("090685-XXXX"))
    }
  }
}
