import DigitalPost
import Foundation
import GRDB
import Testing

@testable import Registry

/// Exemption periods and access versions: every one kept, several on one day too, and a
/// registry of the earlier schema opens with its rows intact.
@Suite("History keeps every version")
struct HistoryMigrationTests {
  let a = Fixtures.cpr("090685-4012")
  let helper = Fixtures.cpr("220284-3011")

  /// Domain §4: grant, withdraw and grant again on one day keeps both periods.
  @Test func sameDayExemptionPeriods() throws {
    let registry = try Registry.inMemory()
    let day = Fixtures.date("2026-03-01")
    try registry.write(Fixtures.clerk) { tx in
      try tx.startExemption(a, since: day, criteria: [], forEmigration: false, applicationID: nil, paperCopiesFrom: nil)
      try tx.endExemption(a, on: day, reason: .withdrawn)
      try tx.startExemption(
        a, since: day, criteria: [.impairment], forEmigration: false, applicationID: nil, paperCopiesFrom: nil)
    }
    let periods = try registry.exemptions(a)
    #expect(periods.map(\.endReason) == [.withdrawn, nil])
    #expect(try registry.exemption(a, asOf: day)?.criteria == [.impairment])
  }

  /// Domain §6: a change on the day of the grant keeps the first version.
  @Test func sameDayAccessVersions() throws {
    let registry = try Registry.inMemory()
    let day = Fixtures.date("2026-03-01")
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertAccess(
        owner: a, helper: helper, level: .read, from: day, until: Fixtures.date("2027-01-01"), consent: .inPerson)
      try tx.upsertAccess(
        owner: a, helper: helper, level: .readWrite, from: day, until: Fixtures.date("2027-01-01"),
        consent: .inPerson)
    }
    #expect(try Fixtures.count(registry, "access") == 2)
    #expect(try registry.accesses(owner: a, asOf: day).map(\.level) == [.readWrite])
  }

  @Test func registryOfTheEarlierSchemaOpens() throws {
    let folder = try Fixtures.temporaryDirectory()
    let path = folder.appendingPathComponent("old.sqlite").path
    let queue = try DatabaseQueue(path: path)
    try Registry.migrator.migrate(queue, upTo: "citizen-route-v1")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO exemption (cpr, valid_from, valid_to, end_reason, criteria, for_emigration, audit_id)
            VALUES (906854012, '2026-01-01', NULL, NULL, '[]', 0, 1);
          INSERT INTO access (owner, helper, valid_from, valid_to, level, until, consent, end_reason, audit_id)
            VALUES (906854012, 2202843011, '2026-01-01', NULL, 'read', '2027-01-01', 'in-person', NULL, 2);
          """)
    }
    try queue.close()
    let registry = try Registry(path: path)
    #expect(try registry.exemption(a, asOf: Fixtures.date("2026-06-01"))?.since == Fixtures.date("2026-01-01"))
    #expect(try registry.access(owner: a, helper: helper, asOf: Fixtures.date("2026-06-01"))?.level == .read)
  }

  /// Identity documents stored as the text the clerk typed are read as documents after the
  /// migration; a text that cannot be read stops the registry from opening, changed in nothing.
  @Test func identityDocumentsStoredAsTextBecomeDocuments() throws {
    let folder = try Fixtures.temporaryDirectory()
    let path = folder.appendingPathComponent("old.sqlite").path
    let queue = try DatabaseQueue(path: path)
    try Registry.migrator.migrate(queue, upTo: "history-every-version-v1")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO application (cpr, received_on, centre, clerk, criteria, representation, identity_documents,
            paper_copies, audit_id)
          VALUES (906854012, '2026-02-01', '101', 'ab12', '[]', NULL,
            '["passport:2030-01-31","benefit-receipt:2026-01-15:cpr","health-card"]', 0, 1)
          """)
    }
    try queue.close()
    let bad = folder.appendingPathComponent("bad.sqlite").path
    try FileManager.default.copyItem(atPath: path, toPath: bad)
    let registry = try Registry(path: path)
    #expect(
      try registry.application(id: 1)?.identityDocuments == [
        PresentedDocument(.passport, expires: Fixtures.date("2030-01-31")),
        PresentedDocument(.benefitReceipt, issued: Fixtures.date("2026-01-15"), cprNumberShown: true),
        PresentedDocument(.healthCard),
      ])
    let damaged = try DatabaseQueue(path: bad)
    try damaged.write { db in
      try db.execute(sql: "UPDATE application SET identity_documents = '[\"passport:soon\"]'")
    }
    try damaged.close()
    // The rule's refusal as its case; the command line words it ("\"passport:soon\": \"soon\" is not a
    // date of the form YYYY-MM-DD; write KIND[:DATE][:cpr], e.g. passport:2030-01-31", IdentityRulesTests).
    #expect(
      throws: RegistryError(
        "application 1 holds the identity document \"passport:soon\", which cannot be read ({refusal}); "
          + "correct it in the registry file, then open it again",
        refusal: .malformedDocument("passport:soon", problem: .notADate("soon")))
    ) { try Registry(path: bad) }
    let unchanged = try DatabaseQueue(path: bad)
    #expect(
      try unchanged.read { db in try String.fetchOne(db, sql: "SELECT identity_documents FROM application") }
        == "[\"passport:soon\"]")
  }

  /// A registry written by the earlier schema, where granting, withdrawing and granting again
  /// on one day left one row for two `exemption.start` entries, still verifies after the
  /// migration; a row deleted afterwards does not.
  @Test func earlierSameDayReplacementStillVerifies() throws {
    let folder = try Fixtures.temporaryDirectory()
    let path = folder.appendingPathComponent("old.sqlite").path
    let queue = try DatabaseQueue(path: path)
    try Registry.migrator.migrate(queue, upTo: "citizen-route-v1")
    try queue.close()
    // The subject key is made per file: a copy of the file gives the same one.
    let copy = folder.appendingPathComponent("copy.sqlite").path
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    let key = try Registry(path: copy).subjectKey(a)
    let day = Fixtures.date("2026-03-01")
    let start = ExemptionRecord(
      cpr: a, since: day, criteria: [], forEmigration: false, applicationID: nil, paperCopiesFrom: nil)
    var ended = start
    ended.endedOn = day
    ended.endReason = .withdrawn
    let old = try DatabaseQueue(path: path)
    try old.write { db in
      let entries: [(AuditAction, String?, String)] = [
        (.exemptionStart, nil, AuditJSON.exemption(start)),
        (.exemptionEnd, AuditJSON.exemption(start), AuditJSON.exemption(ended)),
        (.exemptionStart, nil, AuditJSON.exemption(start)),
      ]
      for (action, before, after) in entries {
        try AuditLog.append(
          SQLiteConnection(db), actor: Fixtures.clerk, action: action, subject: a, subjectKey: key, before: before,
          after: after)
      }
      // The earlier schema kept one row per day: the second start replaced the first.
      try db.execute(
        sql: """
          INSERT INTO exemption (cpr, valid_from, valid_to, end_reason, criteria, for_emigration, audit_id)
          VALUES (?, '2026-03-01', NULL, NULL, '[]', 0, 3)
          """, arguments: [a.storedValue])
    }
    try old.close()
    let registry = try Registry(path: path)
    #expect(try registry.verifyAuditedState() == nil)
    try registry.write(Fixtures.clerk) { tx in
      try tx.startExemption(
        helper, since: day, criteria: [], forEmigration: false, applicationID: nil, paperCopiesFrom: nil)
    }
    #expect(try registry.verifyAuditedState() == nil)
    let file = try DatabaseQueue(path: path)
    try file.write { db in try db.execute(sql: "DELETE FROM exemption WHERE audit_id = 4") }
    try file.close()
    #expect(
      try registry.verifyAuditedState()
        == "audit entry 4 (exemption.start) wrote a row that is no longer there: it was deleted outside PostDesk")
  }
}
