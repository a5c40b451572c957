import Crypto
import DigitalPost
import Foundation
import GRDB
import Testing

@testable import Registry

/// Issue 22 item 11: every citizen version is kept, several on one day too
/// (docs/citizens-csv.md, "What an import does"); reads as of the day take the latest.
@Suite("Citizen versions: every one kept")
struct CitizenVersionTests {
  let a = Fixtures.cpr("090685-4012")
  let day = Fixtures.date("2026-11-22")

  /// (what the second same-day change does, the status read as of the day)
  static let sameDayChanges: [(String, CPRStatus)] = [
    ("emigrated, then resident", .resident),
    ("resident, then emigrated", .emigrated(since: Fixtures.date("2026-11-01"))),
  ]

  @Test(arguments: sameDayChanges)
  func aSameDayChangeKeepsTheEarlierVersion(change: String, expected: CPRStatus) throws {
    let registry = try Registry.inMemory()
    let emigrated = Fixtures.citizen(a.digits, status: .emigrated(since: Fixtures.date("2026-11-01")))
    let resident = Fixtures.citizen(a.digits)
    let (first, second) = expected == .resident ? (emigrated, resident) : (resident, emigrated)
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(Fixtures.citizen(a.digits, street: "Vestergade"), effective: Fixtures.date("2026-01-01"))
      try tx.upsertCitizen(first, effective: day)
      try tx.upsertCitizen(second, effective: day)
    }
    // Three versions: the first until the day, the day's first on no day, the day's second open.
    let versions = try registry.writer.read { db in
      try Row.fetchAll(db, sql: "SELECT valid_from, valid_to, status FROM citizen ORDER BY valid_from, audit_id")
        .map { "\($0[0] as String)..\(($0[1] as String?) ?? "") \($0[2] as String)" }
    }
    let words = { (c: Citizen) in c.status == .resident ? "resident" : "emigrated" }
    #expect(
      versions == [
        "2026-01-01..2026-11-22 resident", "2026-11-22..2026-11-22 \(words(first))", "2026-11-22.. \(words(second))",
      ])
    #expect(try registry.citizen(a, asOf: day)?.status == expected)
    #expect(try registry.latestStatus(a) == expected)
    #expect(try registry.citizen(a, asOf: Fixtures.date("2026-11-21"))?.address != resident.address)
    let facts = try registry.withRecipientLookup(asOf: day) { lookup in lookup.facts(a) }
    #expect(facts?.status == expected)
    // Both writes are in the audit log, and the citizen's entries find them.
    #expect(
      try registry.auditEntries(about: a).map(\.action) == ["citizen.create", "citizen.update", "citizen.update"])
  }

  /// A registry of the schema before: its citizens are kept, and versions written after
  /// the migration are all kept, with the routing table right.
  @Test func registryOfTheEarlierSchemaKeepsItsCitizens() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("old.sqlite").path
    let queue = try DatabaseQueue(path: path)
    try Registry.migrator.migrate(queue, upTo: "identity-documents-as-objects-v1")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO citizen (cpr, valid_from, valid_to, birth_date, name, address_kind, street, building,
            postcode, city, status, language, municipality, audit_id)
          VALUES (906854012, '2026-01-01', '2026-03-01', '1985-06-09', 'Åse Østergaard', 'danish', 'Algade', '1',
              '4000', 'Roskilde', 'resident', 'da', 265, 1),
            (906854012, '2026-03-01', NULL, '1985-06-09', 'Åse Østergaard', 'foreign', NULL, NULL, NULL, NULL,
              'emigrated', 'da', 265, 2);
          UPDATE citizen SET foreign_lines = 'Main St', country = 'US', status_date = '2026-03-01'
            WHERE valid_from = '2026-03-01';
          INSERT INTO citizen (cpr, valid_from, valid_to, birth_date, name, address_kind, status, language,
            municipality, custody_1, custody_2, audit_id)
          VALUES (101204000, '2026-01-01', NULL, '2020-01-01', 'Kid', 'none', 'resident', 'da', 265, 906854012,
            906854012, 1);
          """)
    }
    try queue.close()
    let registry = try Registry(path: path)
    #expect(try registry.citizen(a, asOf: Fixtures.date("2026-02-01"))?.status == .resident)
    #expect(try registry.citizen(a, asOf: day)?.status == .emigrated(since: Fixtures.date("2026-03-01")))
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(Fixtures.citizen(a.digits), effective: day)
      try tx.upsertCitizen(Fixtures.citizen(a.digits, street: "Nygade"), effective: day)
    }
    #expect(try Fixtures.count(registry, "citizen") == 5)
    // The custody holder named twice is kept once, in the history and for routing.
    let kid = Fixtures.cpr("010120-4000")
    #expect(try registry.citizen(kid, asOf: day)?.custodyHolders == [a])
    #expect(try registry.withRecipientLookup(asOf: day) { $0.facts(kid)?.custodyHolders } == [a])
    let facts = try registry.withRecipientLookup(asOf: day) { lookup in lookup.facts(a) }
    #expect(facts?.status == .resident)
    #expect(try registry.citizen(a, asOf: day)?.address == Fixtures.citizen(a.digits, street: "Nygade").address)
  }

  /// Issue 22 item 12 on a registry of the first schema: an application logged with its
  /// identity documents as typed text verifies once the migrations have read them as
  /// documents; its row changed afterwards does not.
  @Test func applicationsLoggedAsTypedTextVerify() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("old.sqlite").path
    let queue = try DatabaseQueue(path: path)
    try Registry.migrator.migrate(queue, upTo: "history-every-version-v1")
    try queue.write { db in
      let key = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'subject_key'")!
      let subject = HMAC<SHA256>.authenticationCode(for: Data(a.digits.utf8), using: SymmetricKey(data: key))
        .hexadecimal()
      let id = try AuditLog.append(
        SQLiteConnection(db), actor: Fixtures.clerk, action: .applicationRecord, subject: a, subjectKey: subject,
        before: nil,
        after: #"{"criteria":["impairment"],"identityDocuments":["passport:2030-01-31"],"paperCopies":false,"#
          + #""receivedOn":"2026-02-01"}"#)
      try db.execute(
        sql: """
          INSERT INTO application (cpr, received_on, centre, clerk, criteria, representation, identity_documents,
            paper_copies, audit_id)
          VALUES (906854012, '2026-02-01', '101', 'ab12', '["impairment"]', NULL, '["passport:2030-01-31"]', 0, ?)
          """, arguments: [id])
    }
    try queue.close()
    let registry = try Registry(path: path)
    #expect(try registry.verifyAuditedState() == nil)
    try registry.writer.write { db in try db.execute(sql: "UPDATE application SET paper_copies = 1") }
    #expect(
      try registry.verifyAuditedState()
        == "application 1 (of 090685-XXXX, received on 2026-02-01) is not what the audit log says was recorded "
        + "(changed: paper copies): the row was changed outside PostDesk")
  }
}
