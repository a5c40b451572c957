import Crypto
import DigitalPost
import Foundation
import GRDB
import Testing

@testable import Registry

/// Issue 21: the registry stores the domain's types as stable codes. A file of the schema
/// before (`citizen-every-version-v1`), its rows and audit entries written as that build
/// wrote them, migrates to codes with its audit log intact; a row it cannot read stops the
/// migration, naming the row, and leaves the file as it was.
@Suite("Stored codes, and the migration to them")
struct CodesMigrationTests {
  let a = Fixtures.cpr("090685-4012")
  let helper = Fixtures.cpr("220284-3011")
  let b = Fixtures.cpr("101075-0063")

  /// A registry file of the schema before the codes, in a folder of its own.
  private func oldRegistry() throws -> (folder: URL, path: String) {
    let folder = try Fixtures.temporaryDirectory()
    let path = folder.appendingPathComponent("old.sqlite").path
    let queue = try DatabaseQueue(path: path)
    try Registry.migrator.migrate(queue, upTo: "citizen-every-version-v1")
    try queue.write { db in try writeAsTheBuildBefore(db) }
    try queue.close()
    return (folder, path)
  }

  /// The rows and entries the build before wrote for: an exemption withdrawn, one lifted by
  /// an access given, one ended by a move back; the access changed and then revoked; two
  /// applications made by representatives, the first withdrawn by the applicant. Texts are spelled out as that build wrote them.
  private func writeAsTheBuildBefore(_ db: Database) throws {
    let secret = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'subject_key'")!
    func log(_ action: AuditAction, _ subject: CPRNumber, _ before: [String: String]?, _ after: [String: String]?)
      throws -> Int64
    { try logText(action, subject, before.map(json), after.map(json)) }
    func logText(_ action: AuditAction, _ subject: CPRNumber, _ before: String?, _ after: String?) throws -> Int64 {
      let key = HMAC<SHA256>.authenticationCode(for: Data(subject.digits.utf8), using: SymmetricKey(data: secret))
        .hexadecimal()
      return try AuditLog.append(
        SQLiteConnection(db), actor: Fixtures.clerk, action: action, subject: subject, subjectKey: key, before: before,
        after: after)
    }
    func exemption(_ cpr: CPRNumber, _ since: String, ended: String = "", reason: String = "", emigration: Bool = false)
      -> [String: String]
    {
      [
        "application": "", "cpr": cpr.masked, "criteria": emigration ? "emigrated" : "impairment", "endReason": reason,
        "endedOn": ended, "forEmigration": String(emigration), "paperCopiesFrom": "", "since": since,
      ]
    }
    func exemptionRows(_ cpr: CPRNumber, _ periods: [(String, String, String, Bool)]) throws {
      for (since, ended, reason, emigration) in periods {
        let started = try log(.exemptionStart, cpr, nil, exemption(cpr, since, emigration: emigration))
        _ = try log(
          .exemptionEnd, cpr, exemption(cpr, since, emigration: emigration),
          exemption(cpr, since, ended: ended, reason: reason, emigration: emigration))
        try db.execute(
          sql: """
            INSERT INTO exemption (cpr, valid_from, valid_to, end_reason, criteria, for_emigration, audit_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            cpr.storedValue, since, ended, reason, emigration ? "[\"emigrated\"]" : "[\"impairment\"]", emigration,
            started,
          ])
      }
    }
    try exemptionRows(
      a,
      [
        ("2026-01-01", "2026-02-01", "withdrawn by the citizen", false),
        ("2026-02-01", "2026-03-01", "lifted: access given to helper 220284-XXXX", false),
      ])
    try exemptionRows(b, [("2026-01-01", "2026-05-01", "ended automatically: moved back to Denmark", true)])
    func access(_ from: String, _ level: String, ended: String = "", reason: String = "") -> [String: String] {
      [
        "consent": "in-person", "endReason": reason, "endedOn": ended, "from": from, "helper": helper.masked,
        "level": level, "owner": a.masked, "until": "2027-03-01",
      ]
    }
    let granted = try log(.accessGrant, a, nil, access("2026-03-01", "read"))
    let changed = try log(.accessChange, a, access("2026-03-01", "read"), access("2026-03-15", "read-write"))
    _ = try log(
      .accessEnd, a, access("2026-03-15", "read-write"),
      access("2026-03-15", "read-write", ended: "2026-04-01", reason: "revoked by the owner"))
    try db.execute(
      sql: """
        INSERT INTO access (owner, helper, valid_from, valid_to, level, until, consent, end_reason, audit_id)
        VALUES (?1, ?2, '2026-03-01', '2026-03-15', 'read', '2027-03-01', 'in-person', 'changed', ?3),
          (?1, ?2, '2026-03-15', '2026-04-01', 'read-write', '2027-03-01', 'in-person', 'revoked by the owner', ?4)
        """, arguments: [a.storedValue, helper.storedValue, granted, changed])
    for (cpr, representation) in [(a, "guardian|Ib Hansen"), (b, "power-of-attorney|Anna Berg (220284-XXXX)")] {
      let recorded = try logText(
        .applicationRecord, cpr, nil,
        #"{"criteria":["impairment"],"identityDocuments":[],"paperCopies":false,"receivedOn":"2026-02-01","#
          + #""representation":"\#(representation)"}"#)
      try db.execute(
        sql: """
          INSERT INTO application (cpr, received_on, centre, clerk, criteria, representation, identity_documents,
            paper_copies, audit_id)
          VALUES (?, '2026-02-01', '101', 'ab12', '["impairment"]', ?, '[]', 0, ?)
          """, arguments: [cpr.storedValue, representation, recorded])
    }
    // The first application closed as withdrawn by the applicant.
    let withdrawn = try logText(
      .applicationDecide, a, nil,
      #"{"application":1,"effective":"2026-02-10","granted":false,"reason":"withdrawn by the applicant"}"#)
    try db.execute(
      sql: """
        INSERT INTO decision (application_id, granted, reason, effective, centre, clerk, audit_id)
        VALUES (1, 0, 'withdrawn by the applicant', '2026-02-10', '101', 'ab12', ?)
        """, arguments: [withdrawn])
  }

  /// Every English text and `AUTHORITY|NAME` string becomes a code; the audit log is not
  /// rewritten, its chain intact and the tables what it says was written; a change made
  /// after the migration is checked as well.
  @Test func aRegistryOfTheBuildBeforeMigratesToCodes() throws {
    let (folder, path) = try oldRegistry()
    defer { try? FileManager.default.removeItem(at: folder) }
    let chainBefore = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT hash FROM audit ORDER BY id")
    }
    let registry = try Registry(path: path)
    let stored = try registry.writer.read { db in
      try Row.fetchAll(db, sql: "SELECT end_reason, end_helper FROM exemption ORDER BY cpr, valid_from")
        .map { "\($0[0] as String? ?? "-") \($0[1] as Int64? ?? 0)" }
        + String.fetchAll(db, sql: "SELECT end_reason || ' ' || consent FROM access ORDER BY valid_from")
        + String.fetchAll(
          db, sql: "SELECT representative_authority || ' ' || representative_name FROM application ORDER BY id")
    }
    #expect(
      stored == [
        "withdrawn 0", "access-given 2202843011", "moved-back 0", "changed in-person", "revoked-by-owner in-person",
        "guardian Ib Hansen", "power-of-attorney Anna Berg (220284-XXXX)",
      ])
    #expect(try registry.exemptions(a).map(\.endReason) == [.withdrawn, .accessGiven(helper: helper)])
    #expect(try registry.exemptions(b).map(\.endReason) == [.movedBack])
    #expect(
      try registry.application(id: 2)?.representative
        == Representative(.name("Anna Berg (220284-XXXX)"), authority: .powerOfAttorney))
    #expect(
      try registry.writer.read { db in try String.fetchAll(db, sql: "SELECT hash FROM audit ORDER BY id") }
        == chainBefore)
    #expect(try registry.verifyAuditChain() == .intact(count: 12, head: chainBefore.last!))
    let withdrawal = try #require(try registry.application(id: 1)?.decision)
    #expect(withdrawal.isWithdrawal && withdrawal.reason == nil && withdrawal.centre == MunicipalityCode(101))
    #expect(
      try registry.writer.read { db in try String.fetchOne(db, sql: "SELECT withdrawn || quote(reason) FROM decision") }
        == "1NULL")
    #expect(try registry.verifyAuditedState() == nil)
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertAccess(
        owner: b, helper: helper, level: .read, from: Fixtures.date("2026-06-01"), until: Fixtures.date("2027-06-01"),
        consent: .powerOfAttorney)
      try tx.endAccess(owner: b, helper: helper, on: Fixtures.date("2026-07-01"), reason: .givenUpByHelper)
    }
    #expect(try registry.verifyAuditedState() == nil)
    // The log keeps its one vocabulary (`AuditWording`); the table its codes.
    #expect(
      try registry.auditEntries(about: b).last?.after?.contains(#""endReason":"given up by the helper""#) == true)
    #expect(
      try registry.writer.read { db in
        try String.fetchOne(db, sql: "SELECT end_reason FROM access WHERE owner = ?", arguments: [b.storedValue])
      } == "given-up-by-helper")
  }

  /// A text the migration cannot read, and the message that names its row.
  static let unreadable: [(sql: String, message: String)] = [
    (
      "UPDATE exemption SET end_reason = 'withdrawn by citizen' WHERE valid_from = '2026-01-01' AND cpr = 906854012",
      "the exemption row of 090685-XXXX since 2026-01-01 holds end_reason \"withdrawn by citizen\", which cannot be "
        + "read (PostDesk wrote \"withdrawn by the citizen\", \"ended automatically: moved back to Denmark\" or "
        + "\"lifted: access given to helper DDMMYY-XXXX\"); correct it in the registry file, then open it again"
    ),
    (
      "UPDATE exemption SET end_reason = 'lifted: access given to helper 010101-XXXX' WHERE valid_to = '2026-03-01'",
      "the exemption row of 090685-XXXX since 2026-02-01 holds end_reason \"lifted: access given to helper "
        + "010101-XXXX\", but no access of a helper 010101-XXXX to 090685-XXXX is in the registry to say who it was "
        + "(or more than one is); correct it in the registry file, then open it again"
    ),
    (
      "UPDATE access SET end_reason = 'revoked' WHERE end_reason = 'revoked by the owner'",
      "the access row of 090685-XXXX and 220284-XXXX from 2026-03-15 holds end_reason \"revoked\", which cannot be "
        + "read (PostDesk wrote \"changed\", \"expired\", \"revoked by the owner\", \"given up by the helper\", "
        + "\"ended by the owner's death\", \"ended by the helper's death\" or \"ended because the owner was "
        + "exempted\"); correct it in the registry file, then open it again"
    ),
    (
      "UPDATE access SET consent = 'in person, passport' WHERE valid_from = '2026-03-01'",
      "the access row of 090685-XXXX and 220284-XXXX from 2026-03-01 holds consent \"in person, passport\", which "
        + "cannot be read (PostDesk wrote \"in-person\" or \"power-of-attorney\"); correct it in the registry file, "
        + "then open it again"
    ),
    (
      "UPDATE application SET representation = 'guardian: Ib Hansen' WHERE id = 1",
      "the application row of application 1 holds representation \"guardian: Ib Hansen\", which cannot be read "
        + "(PostDesk wrote AUTHORITY|NAME, AUTHORITY one of \"power-of-attorney\" or \"guardian\"); correct it in "
        + "the registry file, then open it again"
    ),
    (
      "UPDATE application SET centre = '1O1' WHERE id = 2",
      "the application row of application 2 holds centre '1O1', which cannot be read (PostDesk wrote a three-digit "
        + "municipality code, as '101'); correct it in the registry file, then open it again"
    ),
    (
      "INSERT INTO clerk (id, centre, admin, password_hash) VALUES ('mh', '75', 0, '$2b$12$x')",
      "the clerk row of clerk mh holds centre '75', which cannot be read (PostDesk wrote a three-digit "
        + "municipality code, as '101'); correct it in the registry file, then open it again"
    ),
    (
      "UPDATE decision SET centre = '0101'",
      "the decision row of application 1 holds centre '0101', which cannot be read (PostDesk wrote a three-digit "
        + "municipality code, as '101'); correct it in the registry file, then open it again"
    ),
  ]

  /// A row the migration cannot read stops it with one message naming the row and the text;
  /// the migration is rolled back whole: schema, rows and migrations as they were.
  @Test(arguments: unreadable)
  func anUnreadableRowStopsTheMigration(sql: String, message: String) throws {
    let (folder, path) = try oldRegistry()
    defer { try? FileManager.default.removeItem(at: folder) }
    let damaged = try DatabaseQueue(path: path)
    try damaged.write { db in try db.execute(sql: sql) }
    let before = try Self.contents(damaged)
    try damaged.close()
    #expect(throws: RegistryError(message)) { try Registry(path: path) }
    let after = try DatabaseQueue(path: path)
    defer { try? after.close() }
    #expect(try Self.contents(after) == before)
  }

  /// The schema, the migrations applied and every row of the tables the migration changes.
  private static func contents(_ queue: DatabaseQueue) throws -> [String] {
    try queue.read { db in
      try String.fetchAll(db, sql: "SELECT coalesce(sql, name) FROM sqlite_master ORDER BY name")
        + String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        + ["exemption", "access", "application"].flatMap { table in
          try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map(\.description)
        }
    }
  }

  /// After the migration a code no value has (written past the CHECK constraints) is an
  /// error naming the table, the row with its CPR number masked, and the text: never a default.
  @Test func anUnknownCodeIsAnErrorNamingTheRow() throws {
    let registry = try Registry.inMemory()
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertAccess(
        owner: a, helper: helper, level: .read, from: Fixtures.date("2026-03-01"), until: Fixtures.date("2027-03-01"),
        consent: .inPerson)
      try tx.startExemption(
        b, since: Fixtures.date("2026-01-01"), criteria: [], forEmigration: false, applicationID: nil,
        paperCopiesFrom: nil)
      try tx.endExemption(b, on: Fixtures.date("2026-02-01"), reason: .withdrawn)
    }
    try registry.writer.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
      try db.execute(sql: "UPDATE access SET consent = 'by telephone'")
      try db.execute(sql: "UPDATE exemption SET end_reason = 'paused'")
      try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
    }
    #expect(
      throws: RegistryError(
        "the access row of 090685-XXXX and 220284-XXXX from 2026-03-01 holds consent \"by telephone\", which is not "
          + "a code this PostDesk knows (in-person, power-of-attorney): it was written outside PostDesk or by a newer "
          + "version; restore the row from a backup or set consent to one of those codes, then try again")
    ) { try registry.accesses(owner: a, asOf: Fixtures.date("2026-06-01")) }
    #expect(
      throws: RegistryError(
        "the exemption row of 101075-XXXX since 2026-01-01 holds end_reason \"paused\", which is not a code this "
          + "PostDesk knows (withdrawn, moved-back, access-given): it was written outside PostDesk or by a newer "
          + "version; restore the row from a backup or set end_reason to one of those codes, then try again")
    ) { try registry.exemptions(b) }
    _ = try registry.write(Fixtures.clerk) { tx in
      try tx.recordApplication(
        a, receivedOn: Fixtures.date("2026-02-01"), criteria: [], representative: nil, identityDocuments: [],
        paperCopies: false)
    }
    try registry.writer.write { db in try db.execute(sql: "UPDATE application SET centre = '01'") }
    #expect(
      throws: RegistryError(
        "the application row of application 1 holds centre \"01\", which is not a code this PostDesk knows (a "
          + "three-digit municipality code): it was written outside PostDesk or by a newer version; restore the row "
          + "from a backup or set centre to one of those codes, then try again")
    ) { try registry.applications(of: a) }
  }

  /// Criteria and identity documents that cannot be read are errors naming the row, not
  /// fewer criteria or no documents.
  @Test func unreadableCriteriaAndDocumentsAreErrors() throws {
    let registry = try Registry.inMemory()
    try registry.write(Fixtures.clerk) { tx in
      try tx.startExemption(
        b, since: Fixtures.date("2026-01-01"), criteria: [.impairment], forEmigration: false, applicationID: nil,
        paperCopiesFrom: nil)
      _ = try tx.recordApplication(
        a, receivedOn: Fixtures.date("2026-02-01"), criteria: [.noInternet], representative: nil,
        identityDocuments: [], paperCopies: false)
    }
    try registry.writer.write { db in
      try db.execute(sql: #"UPDATE exemption SET criteria = '["impairment","blindness"]'"#)
      try db.execute(sql: "UPDATE application SET identity_documents = 'passport'")
    }
    #expect(
      throws: RegistryError(
        "the exemption row of 101075-XXXX since 2026-01-01 holds criteria \"blindness\", which is not a code this "
          + "PostDesk knows (impairment, no-internet, emigrated, language, nemid): it was written outside PostDesk or "
          + "by a newer version; restore the row from a backup or set criteria to one of those codes, then try again")
    ) { try registry.exemptions(b) }
    #expect(
      throws: RegistryError(
        "the application row of application 1 holds identity_documents passport, which is not a JSON array of "
          + "identity documents: it was written outside PostDesk; restore the row from a backup, then try again")
    ) { try registry.application(id: 1) }
  }

  /// The codes are the file's format: spelled out here so that a change to one is a failing
  /// test, not a silent change of what old files mean.
  @Test func theCodesNeverChange() {
    #expect(
      AccessVersionEnd.codes == [
        "expired", "revoked-by-owner", "given-up-by-helper", "owner-died", "helper-died", "owner-exempted", "changed",
      ])
    #expect(ExemptionEndReason.Code.codes == ["withdrawn", "moved-back", "access-given"])
    #expect(DelegatedAccess.Consent.codes == ["in-person", "power-of-attorney"])
    #expect(Representative.Authority.codes == ["power-of-attorney", "guardian"])
    #expect(ExemptionCriterion.codes == ["impairment", "no-internet", "emigrated", "language", "nemid"])
    #expect(
      AuditAction.allCases.map(\.rawValue) == [
        "citizen.create", "citizen.update", "citizens.import", "application.record", "application.decide",
        "exemption.start", "exemption.end", "access.grant", "access.change", "access.end", "clerk.create",
        "clerk.update",
      ])
  }

  /// A registry made new has the same tables as one migrated: the codes' columns and checks.
  @Test func aNewRegistryStoresCodes() throws {
    let registry = try Registry.inMemory()
    let helperKey = helper.storedValue
    try registry.write(Fixtures.clerk) { tx in
      try tx.startExemption(
        a, since: Fixtures.date("2026-01-01"), criteria: [], forEmigration: false, applicationID: nil,
        paperCopiesFrom: nil)
      try tx.endExemption(a, on: Fixtures.date("2026-02-01"), reason: .accessGiven(helper: helper))
      _ = try tx.recordApplication(
        b, receivedOn: Fixtures.date("2026-02-01"), criteria: [],
        representative: Representative(.cpr(helper), authority: .guardian), identityDocuments: [], paperCopies: false)
    }
    #expect(
      try registry.writer.read { db in
        try Row.fetchOne(db, sql: "SELECT end_reason, end_helper FROM exemption")
      } == ["end_reason": "access-given", "end_helper": helperKey])
    // Kept by name: a CPR number only masked.
    #expect(
      try registry.application(id: 1)?.representative
        == Representative(.name("220284-XXXX"), authority: .guardian))
    #expect(try registry.verifyAuditedState() == nil)
    #expect(throws: DatabaseError.self) {
      try registry.writer.write { db in try db.execute(sql: "UPDATE exemption SET end_helper = NULL") }
    }
  }

  private func json(_ fields: [String: String]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try! encoder.encode(fields), as: UTF8.self)
  }
}
