import Foundation
import GRDB
import Testing

/// Issue 21: a registry file of the schema before the stored codes (its tables holding the
/// English text and `AUTHORITY|NAME` strings older versions wrote) is migrated by the next
/// `postdesk` command, and `postdesk audit verify` still says intact, with the same head:
/// the audit log is not rewritten. docs/registry.md.
@Suite("postdesk on a registry file of the schema before the stored codes, end to end")
struct StoredCodesCommandTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
  }

  static let passport = "passport:2030-01-31"

  /// Every kind of row the migration converts, written by today's `postdesk`: an exemption
  /// lifted by an access given, the access revoked, an exemption withdrawn, an application
  /// by a guardian withdrawn by the applicant.
  func writeEveryKindOfRow() throws {
    let commands: [([String], String)] = [
      (
        ["exemption", "apply", "120940-1653", "--id", Self.passport, "--centre", "101", "--clerk", "ast"], "2026-11-22"
      ),
      (["exemption", "decide", "1", "--grant", "--clerk", "ast", "--out", "d1.html"], "2026-11-22"),
      (
        [
          "access", "grant", "120940-1653", "250992-0020", "--level", "read", "--until", "2027-11-30", "--consent",
          "power-of-attorney", "--id", "national-id-card:2031-02-28", "--clerk", "ast", "--lift-exemption", "--out",
          "lifted",
        ], "2026-11-22"
      ),
      (["access", "revoke", "120940-1653", "250992-0020", "--clerk", "ast"], "2026-11-23"),
      (
        ["exemption", "apply", "050187-0321", "--id", Self.passport, "--centre", "101", "--clerk", "ast"], "2026-11-22"
      ),
      (["exemption", "decide", "2", "--grant", "--clerk", "ast", "--out", "d2.html"], "2026-11-22"),
      (["exemption", "withdraw", "050187-0321", "--clerk", "ast"], "2026-12-01"),
      (
        [
          "exemption", "apply", "140382-3518", "--on-behalf", "Hans Hansen", "--authority", "guardian", "--id",
          Self.passport, "--centre", "101", "--clerk", "ast",
        ], "2026-11-22"
      ),
      (["exemption", "withdraw-application", "3", "--clerk", "ast", "--centre", "101"], "2026-11-23"),
    ]
    for (arguments, today) in commands {
      let result = try cli.run(arguments, today: today)
      #expect(result.status == 0, "\(arguments): \(result)")
    }
  }

  /// The tables as the schema before the codes had them, with the texts older versions
  /// wrote, and the migration no longer recorded as applied.
  static let asTheBuildBefore = """
    CREATE TABLE exemption_old (
      cpr INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT, end_reason TEXT, criteria TEXT NOT NULL,
      for_emigration INTEGER NOT NULL, application_id INTEGER REFERENCES application (id), paper_copies_from TEXT,
      audit_id INTEGER NOT NULL, PRIMARY KEY (cpr, valid_from, audit_id)
    ) WITHOUT ROWID;
    INSERT INTO exemption_old SELECT cpr, valid_from, valid_to,
      CASE end_reason WHEN 'withdrawn' THEN 'withdrawn by the citizen'
        WHEN 'moved-back' THEN 'ended automatically: moved back to Denmark'
        WHEN 'access-given' THEN 'lifted: access given to helper ' || substr(printf('%010d', end_helper), 1, 6) || '-XXXX'
      END, criteria, for_emigration, application_id, paper_copies_from, audit_id FROM exemption;
    DROP TABLE exemption;
    ALTER TABLE exemption_old RENAME TO exemption;
    CREATE TABLE access_old (
      owner INTEGER NOT NULL, helper INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT,
      level TEXT NOT NULL CHECK (level IN ('read', 'read-write')), until TEXT NOT NULL, consent TEXT NOT NULL,
      end_reason TEXT, audit_id INTEGER NOT NULL, PRIMARY KEY (owner, helper, valid_from, audit_id)
    ) WITHOUT ROWID;
    INSERT INTO access_old SELECT owner, helper, valid_from, valid_to, level, until, consent,
      CASE end_reason WHEN 'revoked-by-owner' THEN 'revoked by the owner' WHEN 'given-up-by-helper'
        THEN 'given up by the helper' WHEN 'owner-exempted' THEN 'ended because the owner was exempted'
        ELSE end_reason END, audit_id FROM access;
    DROP TABLE access;
    ALTER TABLE access_old RENAME TO access;
    CREATE INDEX access_helper ON access (helper, valid_from);
    ALTER TABLE application ADD COLUMN representation TEXT;
    UPDATE application SET representation = representative_authority || '|' || representative_name;
    ALTER TABLE application DROP COLUMN representative_authority;
    ALTER TABLE application DROP COLUMN representative_name;
    UPDATE decision SET reason = 'withdrawn by the applicant' WHERE withdrawn = 1;
    ALTER TABLE decision DROP COLUMN withdrawn;
    DELETE FROM grdb_migrations WHERE identifier = 'domain-codes-v1';
    """

  /// The converted columns, one line a row.
  func storedCodes() throws -> [String] {
    let queue = try DatabaseQueue(path: cli.db)
    defer { try? queue.close() }
    return try queue.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT 'exemption ' || quote(end_reason) || ' ' || quote(end_helper) FROM exemption
          UNION ALL SELECT 'access ' || quote(end_reason) || ' ' || consent FROM access
          UNION ALL SELECT 'application ' || quote(representative_authority) || ' ' || quote(representative_name)
            FROM application
          UNION ALL SELECT 'decision ' || withdrawn || ' ' || quote(reason) FROM decision
          """)
    }
  }

  @Test func anOlderFileIsMigratedAndItsAuditLogStaysIntact() throws {
    try writeEveryKindOfRow()
    let verified = try cli.run(["audit", "verify"])
    #expect(verified.status == 0, "\(verified)")
    let codes = try storedCodes()
    #expect(
      codes.sorted() == [
        "access 'revoked-by-owner' power-of-attorney",
        "application 'guardian' 'Hans Hansen'",
        "application NULL NULL",
        "application NULL NULL",
        "decision 0 NULL",
        "decision 0 NULL",
        "decision 1 NULL",
        "exemption 'access-given' 2509920020",
        "exemption 'withdrawn' NULL",
      ])
    var configuration = Configuration()
    configuration.foreignKeysEnabled = false
    let queue = try DatabaseQueue(path: cli.db, configuration: configuration)
    try queue.writeWithoutTransaction { db in
      try db.inTransaction {
        try db.execute(sql: Self.asTheBuildBefore)
        return .commit
      }
    }
    let old = try queue.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT end_reason FROM exemption UNION ALL SELECT end_reason FROM access
          UNION ALL SELECT representation FROM application WHERE representation IS NOT NULL
          UNION ALL SELECT reason FROM decision WHERE reason IS NOT NULL
          """)
    }
    try queue.close()
    #expect(
      old.sorted() == [
        "guardian|Hans Hansen", "lifted: access given to helper 250992-XXXX", "revoked by the owner",
        "withdrawn by the applicant", "withdrawn by the citizen",
      ])
    let again = try cli.run(["audit", "verify"])
    #expect(again.status == 0, "\(again)")
    #expect(again.stdout == verified.stdout)
    #expect(try storedCodes() == codes)
  }
}
