import DigitalPost
import Foundation
import GRDB
import Testing

@testable import Registry

@Suite("A whole registry copied")
struct RegistryCopyTests {
  /// A registry with something in every table a copy carries.
  func filled() throws -> Registry {
    let registry = try Registry.inMemory()
    _ = try registry.importCitizens(
      csvPath: Fixtures.sampleCSV, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    let numbers = try registry.writer.read { db in
      try Int64.fetchAll(db, sql: "SELECT DISTINCT cpr FROM citizen ORDER BY cpr").map(CitizenRow.cpr)
    }
    try registry.write(Fixtures.clerk) { tx in
      let id = try tx.recordApplication(
        numbers[0], receivedOn: Fixtures.date("2026-11-23"), criteria: [.languageBarriers], representative: nil,
        identityDocuments: [], paperCopies: true)
      try tx.recordDecision(applicationID: id, granted: true, reason: nil, effective: Fixtures.date("2026-11-24"))
      try tx.startExemption(
        numbers[0], since: Fixtures.date("2026-11-24"), criteria: [.languageBarriers], forEmigration: false,
        applicationID: id, paperCopiesFrom: nil)
      try tx.upsertAccess(
        owner: numbers[1], helper: numbers[2], level: .read, from: Fixtures.date("2026-11-24"),
        until: Fixtures.date("2027-11-24"), consent: .inPerson)
      try tx.upsertClerk(ClerkAccount(id: "k1", centre: MunicipalityCode(101)!, isAdmin: true, passwordHash: "x"))
      try tx.keepDocument(
        action: "a1", name: "letter", format: "pdf", centre: MunicipalityCode(101)!,
        madeAt: Date(timeIntervalSince1970: 1),
        contents: Data([0, 1, 2]))
    }
    try registry.recordPrintedMessages([PrintedMessage(uuid: "ABC", batchID: "b", letter: 1, folder: "/x")])
    return registry
  }

  @Test func aCopyHoldsEveryRowAndItsAuditLogIsIntact() throws {
    let source = try filled()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-copy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("copy.sqlite").path
    let summary = try source.copy(to: try Registry(path: path))
    #expect(summary.rows.map(\.table) == RegistryTable.copied.map(\.name))
    #expect(summary.rows.first { $0.table == "citizen" }?.count == 40)
    let copy = try Registry(path: path)
    #expect(try copy.verifyAuditChain() == source.verifyAuditChain())
    #expect(try copy.verifyAuditedState() == nil)
    let cpr = try source.writer.read { db in try Int64.fetchOne(db, sql: "SELECT min(cpr) FROM citizen")! }
    #expect(try copy.auditEntries(about: CitizenRow.cpr(cpr)) == source.auditEntries(about: CitizenRow.cpr(cpr)))
    #expect(try copy.keptDocument(action: "a1", name: "letter", format: "pdf")?.contents == Data([0, 1, 2]))
    #expect(try copy.printedMessage("abc")?.batchID == "b")
    #expect(try copy.clerkAccount("k1")?.isAdmin == true)
    // The copy goes on numbering applications after the copied ones.
    let next = try copy.write(Fixtures.clerk) { tx in
      try tx.recordApplication(
        CitizenRow.cpr(cpr), receivedOn: Fixtures.date("2026-11-25"), criteria: [.languageBarriers],
        representative: nil, identityDocuments: [], paperCopies: false)
    }
    #expect(next == 2)
    #expect(try copy.verifyAuditedState() == nil)
  }

  @Test func aCopyIntoARegistryThatIsNotNewIsRefusedAndChangesNothing() throws {
    let source = try filled()
    let target = try filled()
    let before = try target.auditEntryCount()
    #expect {
      try source.copy(to: target)
    } throws: { error in
      (error as? RegistryError)?.message
        == "the registry to copy into is not new (40 citizen versions, \(before) audit entries): a copy goes into an "
        + "empty registry; give the path or URL of a new one"
    }
    #expect(try target.auditEntryCount() == before)
  }
}
