import DigitalPost
import Foundation
import GRDB
import Testing

@testable import Registry

@Suite("The hash-chained audit log")
struct AuditChainTests {
  /// A registry with five audited changes.
  func registryWithFiveEntries() throws -> Registry {
    let registry = try Registry.inMemory()
    for (i, street) in ["Algade", "Borgergade", "Torvet", "Havnegade", "Skovvej"].enumerated() {
      try registry.write(Fixtures.clerk) {
        try $0.upsertCitizen(
          Fixtures.citizen("090685-4012", street: street), effective: Fixtures.date("2026-01-0\(i + 1)"))
      }
    }
    return registry
  }

  /// Tampers with the log the way someone with the file would: triggers dropped first.
  func tamper(_ registry: Registry, _ sql: String) throws {
    try registry.writer.write { db in
      try db.execute(sql: "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete")
      try db.execute(sql: sql)
    }
  }

  @Test func intactChainVerifies() throws {
    let registry = try registryWithFiveEntries()
    guard case .intact(let count, let head) = try registry.verifyAuditChain() else {
      Issue.record("chain should hold")
      return
    }
    #expect(count == 5)
    #expect(head.count == 64)
  }

  @Test func editedEntryIsFound() throws {
    let registry = try registryWithFiveEntries()
    try tamper(registry, "UPDATE audit SET clerk = 'zz99' WHERE id = 3")
    #expect(
      try registry.verifyAuditChain()
        == .broken(entryID: 3, reason: "its content does not match its hash: the entry was edited"))
  }

  @Test func deletedEntryIsFound() throws {
    let registry = try registryWithFiveEntries()
    try tamper(registry, "DELETE FROM audit WHERE id = 2")
    #expect(
      try registry.verifyAuditChain()
        == .broken(entryID: 3, reason: "expected entry 2 before it: an entry was deleted or inserted"))
  }

  @Test func insertedEntryIsFound() throws {
    let registry = try registryWithFiveEntries()
    // Replace entry 4 by a forged one that links to entry 3 correctly but was not chained into 5.
    try tamper(
      registry,
      """
      DELETE FROM audit WHERE id = 4;
      INSERT INTO audit (id, at, clerk, centre, action, subject, before, after, previous_hash, hash)
      SELECT 4, at, 'zz99', centre, 'citizen.update', subject, NULL, '{}', hash, hash FROM audit WHERE id = 3;
      """)
    #expect(
      try registry.verifyAuditChain()
        == .broken(entryID: 4, reason: "its content does not match its hash: the entry was edited"))
  }

  @Test func appendedForgeryIsFound() throws {
    let registry = try registryWithFiveEntries()
    try tamper(
      registry,
      """
      INSERT INTO audit (id, at, clerk, centre, action, subject, previous_hash, hash)
      VALUES (7, '2026-01-01T00:00:00.000Z', 'zz99', '101', 'citizen.update', '090685-XXXX', 'x', 'y')
      """)
    #expect(
      try registry.verifyAuditChain()
        == .broken(entryID: 7, reason: "expected entry 6 before it: an entry was deleted or inserted"))
  }

  @Test func triggersRefuseUpdateAndDelete() throws {
    let registry = try registryWithFiveEntries()
    #expect(throws: DatabaseError.self) {
      try registry.writer.write { db in try db.execute(sql: "UPDATE audit SET clerk = 'zz99'") }
    }
    #expect(throws: DatabaseError.self) {
      try registry.writer.write { db in try db.execute(sql: "DELETE FROM audit") }
    }
    #expect(try registry.verifyAuditChain() != .broken(entryID: 1, reason: ""))
    #expect(try registry.auditEntryCount() == 5)
  }

  @Test func timestampIsUTCWithMilliseconds() {
    #expect(AuditLog.timestamp(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    #expect(AuditLog.timestamp(Fixtures.clerk.at) == "2026-11-18T11:06:40.000Z")
  }
}
