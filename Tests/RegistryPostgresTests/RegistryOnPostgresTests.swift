import DigitalPost
import Foundation
import PostDeskTestSupport
import Registry
import Testing

@testable import RegistryPostgres

/// The registry's rules on PostgreSQL: the same calls the SQLite tests make, through
/// `Registry(store: PostgresStore)`.
@Suite("The registry on PostgreSQL")
struct RegistryOnPostgresTests {
  static let clerk = AuditActor(clerk: "ab12", centre: "101", at: Date(timeIntervalSince1970: 1_795_000_000))

  static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

  static func cpr(_ text: String) -> CPRNumber { try! CPRNumber(parsing: text) }

  static func citizen(_ number: String, street: String = "Åboulevarden", holders: [String] = []) -> Citizen {
    Citizen(
      cpr: cpr(number), name: "Åse Østergaard",
      address: .danish(DanishAddress(street: street, building: "7A", postcode: "5000", city: "Odense C")),
      status: .resident, municipality: MunicipalityCode(461)!, custodyHolders: holders.map(cpr))
  }

  /// Runs `body` with a registry on a database of its own.
  static func withRegistry<T>(_ body: (Registry, String) throws -> T) throws -> T {
    try PostgresTestDatabase.withStore { store, url in try body(try Registry(store: store), url) }
  }

  static func intactCount(_ registry: Registry) throws -> Int? {
    guard case .intact(let count, _) = try registry.verifyAuditChain() else { return nil }
    return count
  }

  @Test func citizensExemptionsAndTheAuditChain() throws {
    try Self.withRegistry { registry, _ in
      let owner = Self.cpr("090685-4012")
      try registry.write(Self.clerk) {
        _ = try $0.upsertCitizen(Self.citizen("090685-4012"), effective: Self.date("2026-01-01"))
        _ = try $0.upsertCitizen(Self.citizen("090685-4012", street: "Algade"), effective: Self.date("2026-03-01"))
        try $0.startExemption(
          owner, since: Self.date("2026-02-01"), criteria: [.noInternet], forEmigration: false, applicationID: nil,
          paperCopiesFrom: nil)
      }
      #expect(
        try registry.citizen(owner, asOf: Self.date("2026-02-15"))?.address == Self.citizen("090685-4012").address)
      #expect(
        try registry.citizen(owner, asOf: Self.date("2026-03-15"))?.address
          == Self.citizen("090685-4012", street: "Algade").address)
      #expect(try registry.exemption(owner, asOf: Self.date("2026-02-15")) != nil)
      #expect(try registry.exemption(owner, asOf: Self.date("2026-01-15")) == nil)
      // One open exemption: the rule refuses, and the index would too.
      #expect(throws: RegistryError.self) {
        try registry.write(Self.clerk) {
          try $0.startExemption(
            owner, since: Self.date("2026-04-01"), criteria: [.noInternet], forEmigration: false, applicationID: nil,
            paperCopiesFrom: nil)
        }
      }
      try registry.write(Self.clerk) { try $0.endExemption(owner, on: Self.date("2026-05-01"), reason: .withdrawn) }
      #expect(try registry.exemptions(owner).count == 1)
      #expect(try Self.intactCount(registry) == 4)
      #expect(try registry.verifyAuditedState() == nil)
      #expect(try registry.auditEntries(about: owner).count == 4)
      #expect(try registry.auditEntryCount() == 4)
      #expect(try registry.auditHash(ofEntry: 4)?.count == 64)
    }
  }

  @Test func applicationsAndDecisions() throws {
    try Self.withRegistry { registry, _ in
      let applicant = Self.cpr("090685-4012")
      let id = try registry.write(Self.clerk) { tx -> Int64 in
        _ = try tx.upsertCitizen(Self.citizen("090685-4012"), effective: Self.date("2026-01-01"))
        return try tx.recordApplication(
          applicant, receivedOn: Self.date("2026-02-01"), criteria: [.noInternet], representative: nil,
          identityDocuments: [], paperCopies: true)
      }
      #expect(try registry.application(id: id)?.decision == nil)
      try registry.write(Self.clerk) {
        try $0.recordDecision(applicationID: id, granted: true, reason: nil, effective: Self.date("2026-02-10"))
      }
      #expect(try registry.application(id: id)?.decision?.granted == true)
      #expect(throws: RegistryError("application \(id) is already decided; a decision is final")) {
        try registry.write(Self.clerk) {
          try $0.recordDecision(applicationID: id, granted: false, reason: "no", effective: Self.date("2026-02-11"))
        }
      }
      #expect(try registry.applications(of: applicant).count == 1)
      #expect(try Self.intactCount(registry) == 3)
      #expect(try registry.verifyAuditedState() == nil)
    }
  }

  @Test func accessesGrantedChangedAndEnded() throws {
    try Self.withRegistry { registry, _ in
      let owner = Self.cpr("090685-4012")
      let helper = Self.cpr("010170-1005")
      try registry.write(Self.clerk) { tx in
        _ = try tx.upsertCitizen(Self.citizen("090685-4012"), effective: Self.date("2026-01-01"))
        _ = try tx.upsertCitizen(Self.citizen("010170-1005"), effective: Self.date("2026-01-01"))
        try tx.upsertAccess(
          owner: owner, helper: helper, level: .read, from: Self.date("2026-02-01"), until: Self.date("2027-01-31"),
          consent: .inPerson)
        try tx.upsertAccess(
          owner: owner, helper: helper, level: .readWrite, from: Self.date("2026-03-01"),
          until: Self.date("2027-01-31"), consent: .inPerson)
      }
      #expect(try registry.accesses(owner: owner, asOf: Self.date("2026-03-15")).map(\.level) == [.readWrite])
      #expect(try registry.accesses(helper: helper, asOf: Self.date("2026-02-15")).map(\.level) == [.read])
      try registry.write(Self.clerk) {
        try $0.endAccess(owner: owner, helper: helper, on: Self.date("2026-04-01"), reason: .revokedByOwner)
      }
      #expect(try registry.accesses(owner: owner, asOf: Self.date("2026-04-15")).isEmpty)
      #expect(try Self.intactCount(registry) == 5)
      #expect(try registry.verifyAuditedState() == nil)
    }
  }

  @Test func clerksKeptDocumentsAndPrintedMessages() throws {
    try Self.withRegistry { registry, _ in
      let account = ClerkAccount(id: "ab12", centre: MunicipalityCode(101)!, isAdmin: true, passwordHash: "$2b$hash")
      try registry.write(Self.clerk) { _ = try $0.upsertClerk(account) }
      #expect(try registry.clerkAccount("ab12") == account)
      let contents = Data("<html>brev</html>".utf8)
      try registry.write(Self.clerk) {
        try $0.keepDocument(
          action: "a1", name: "exemption-decision", format: "html", centre: MunicipalityCode(101)!,
          madeAt: Date(timeIntervalSince1970: 1_000), contents: contents)
      }
      #expect(try registry.keptDocument(action: "a1", name: "exemption-decision", format: "html")?.contents == contents)
      #expect(try registry.forgetDocuments(madeBefore: Date(timeIntervalSince1970: 2_000)) == 1)
      #expect(try registry.keptDocument(action: "a1", name: "exemption-decision", format: "html") == nil)
      let message = PrintedMessage(uuid: "u-1", batchID: "b-1", letter: 3, folder: "/tmp/b-1")
      #expect(try registry.recordPrintedMessages([message]))
      #expect(try registry.printedMessage("u-1") == message)
      #expect(try registry.printedMessages(["u-1", "u-2"]).count == 1)
    }
  }

  @Test func importAndRoutingLookup() throws {
    try Self.withRegistry { registry, _ in
      let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/citizens.csv").path
      let summary = try registry.importCitizens(csvPath: samples, effective: Self.date("2026-12-01"), actor: Self.clerk)
      #expect(summary.rows == 40)
      #expect(summary.created == 40)
      let again = try registry.importCitizens(csvPath: samples, effective: Self.date("2026-12-02"), actor: Self.clerk)
      #expect(again.unchanged == 40)
      let cprs = try registry.citizens(bornBetween: Self.date("1900-01-01"), and: Self.date("2030-01-01")).map(\.cpr)
      #expect(cprs.count == 40)
      let routed = try registry.withRecipientLookup(asOf: Self.date("2026-12-03")) { lookup in
        lookup.prefetch(cprs)
        return cprs.filter { lookup($0) != nil }.count
      }
      #expect(routed == 40)
      #expect(try Self.intactCount(registry) == 2)
    }
  }

  @Test func twoRegistriesWritingAtOnceLoseNothing() async throws {
    try await PostgresTestDatabase.withStoreAsync { store, url in
      let first = try Registry(store: store)
      let second = try Registry(store: try PostgresStore(url: url))
      let perWriter = 30
      try await withThrowingTaskGroup(of: Void.self) { group in
        for (writer, registry) in [(1, first), (2, second)] {
          group.addTask {
            for i in 0..<perWriter {
              let number = String(format: "%02d%02d8%d-4%03d", i % 28 + 1, writer, i / 28, i)
              let actor = AuditActor(clerk: "w\(writer)", centre: "101", at: Date(timeIntervalSince1970: Double(i)))
              try registry.write(actor) { tx in
                _ = try tx.upsertCitizen(Self.citizen(number), effective: Self.date("2026-01-01"))
                try tx.startExemption(
                  Self.cpr(number), since: Self.date("2026-02-01"), criteria: [.noInternet], forEmigration: false,
                  applicationID: nil, paperCopiesFrom: nil)
              }
            }
          }
        }
        try await group.waitForAll()
      }
      #expect(try Self.intactCount(first) == 4 * perWriter)
      #expect(try first.verifyAuditedState() == nil)
    }
  }
}
