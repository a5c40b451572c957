import DigitalPost
import GRDB

extension DatabaseMigrator {
  /// The tables speak the domain's types as stable codes (`StoredCode`), not the English
  /// text or `AUTHORITY|NAME` strings older versions wrote: an exemption's `end_reason` (and
  /// the helper of an `access-given` one in `end_helper`), an access version's `end_reason`
  /// and `consent`, an application's representative in `representative_authority` and
  /// `representative_name`. `CHECK` constraints list the codes, spelled out here as the
  /// migration wrote them (a later code needs a migration of its own).
  ///
  /// A row whose text cannot be read stops the migration, which is then rolled back whole:
  /// the file stays as it was, and the message names the row, the text and how to mend it.
  /// The audit log is not touched: its entries are hashed, and keep the text
  /// (`AuditWording`), which `audit verify` renders the codes back into.
  mutating func registerCodeMigrations() {
    registerMigration("domain-codes-v1") { db in
      try CodesMigration.exemptions(db)
      try CodesMigration.accesses(db)
      try CodesMigration.applications(db)
      try CodesMigration.decisions(db)
      try CodesMigration.centres(db)
    }
  }
}

/// The steps of `domain-codes-v1`. A withdrawal's row gets `decision.withdrawn` instead of
/// the reason "withdrawn by the applicant"; a centre stays its three digits as text (the
/// audit log's `centre` has them so), checked here and read as a `MunicipalityCode`.
enum CodesMigration {
  /// How a refusal ends: where to mend, then what to do.
  private static let mend = "correct it in the registry file, then open it again"

  /// Quoted and joined with "or": `"a", "b" or "c"`.
  private static func either(_ texts: [String]) -> String {
    let quoted = texts.map { "\"\($0)\"" }
    return quoted.count < 2 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
  }

  /// Texts that name no one are converted a text at a time (one statement for a national
  /// registry's quarter of a million withdrawals), those of an access given row by row. Every
  /// text is checked before any is converted, so that a refusal names a row as it was.
  static func exemptions(_ db: Database) throws {
    try db.execute(sql: "ALTER TABLE exemption ADD COLUMN end_helper INTEGER")
    let texts = try String.fetchAll(
      db, sql: "SELECT DISTINCT end_reason FROM exemption WHERE end_reason IS NOT NULL ORDER BY end_reason")
    for text in texts where AuditWording.exemptionEndReason(text) == nil {
      let row = try Row.fetchOne(
        db, sql: "SELECT cpr, valid_from FROM exemption WHERE end_reason = ? ORDER BY cpr, valid_from LIMIT 1",
        arguments: [text])!
      let words = [AuditWording.text(.withdrawn), AuditWording.text(.movedBack)]
      throw RegistryError(
        "the exemption row of \(CitizenRow.cpr(row[0])) since \(row[1] as String) holds end_reason \"\(text)\", "
          + "which cannot be read (PostDesk wrote \(either(words + [AuditWording.accessGivenPrefix + "DDMMYY-XXXX"])))"
          + "; \(mend)")
    }
    for text in texts {
      guard let (code, maskedHelper) = AuditWording.exemptionEndReason(text) else { continue }
      guard let maskedHelper else {
        try db.execute(sql: "UPDATE exemption SET end_reason = ? WHERE end_reason = ?", arguments: [code.code, text])
        continue
      }
      let rows = try Row.fetchAll(
        db,
        sql: "SELECT cpr, valid_from, audit_id, valid_to FROM exemption WHERE end_reason = ? ORDER BY cpr, valid_from",
        arguments: [text])
      for row in rows {
        guard let helper = try accessGivenHelper(db, owner: row[0], masked: maskedHelper, on: row[3]) else {
          throw RegistryError(
            "the exemption row of \(CitizenRow.cpr(row[0])) since \(row[1] as String) holds end_reason \"\(text)\", "
              + "but no access of a helper \(maskedHelper) to \(CitizenRow.cpr(row[0])) is in the registry to say who "
              + "it was (or more than one is); \(mend)")
        }
        try db.cachedStatement(
          sql: "UPDATE exemption SET end_reason = ?, end_helper = ? WHERE cpr = ? AND valid_from = ? AND audit_id = ?"
        ).execute(arguments: [code.code, helper, row[0], row[1], row[2]])
      }
    }
    try db.execute(
      sql: """
        CREATE TABLE exemption_kept (
          cpr INTEGER NOT NULL,
          valid_from TEXT NOT NULL,
          valid_to TEXT,
          end_reason TEXT CHECK (end_reason IN ('withdrawn', 'moved-back', 'access-given')),
          criteria TEXT NOT NULL,
          for_emigration INTEGER NOT NULL,
          application_id INTEGER REFERENCES application (id),
          paper_copies_from TEXT,
          audit_id INTEGER NOT NULL,
          end_helper INTEGER,
          CHECK ((end_reason IS 'access-given') = (end_helper IS NOT NULL)),
          PRIMARY KEY (cpr, valid_from, audit_id)
        ) WITHOUT ROWID;
        INSERT INTO exemption_kept SELECT cpr, valid_from, valid_to, end_reason, criteria, for_emigration,
          application_id, paper_copies_from, audit_id, end_helper FROM exemption;
        DROP TABLE exemption;
        ALTER TABLE exemption_kept RENAME TO exemption;
        """)
  }

  /// The helper whose access lifted `owner`'s exemption, by the masked CPR number the old
  /// text gave: the one helper of that mask with a version of an access to the owner that
  /// began the day the exemption ended (a grant lifts it that day), or else the one helper
  /// of that mask with any access to the owner; nil when there is none, or more than one.
  private static func accessGivenHelper(_ db: Database, owner: Int64, masked: String, on day: String?) throws
    -> Int64?
  {
    // DDMMYY-XXXX: the CPR key's leading digits are DDMMYY (the key is the ten digits).
    guard masked.count == 11, masked.hasSuffix("-XXXX"), let birth = Int64(masked.prefix(6)) else { return nil }
    let matching = "SELECT DISTINCT helper FROM access WHERE owner = ? AND helper / 10000 = ?"
    let thatDay = try Int64.fetchAll(db, sql: matching + " AND valid_from = ?", arguments: [owner, birth, day])
    if thatDay.count == 1 { return thatDay[0] }
    let any = try Int64.fetchAll(db, sql: matching, arguments: [owner, birth])
    return any.count == 1 ? any[0] : nil
  }

  static func accesses(_ db: Database) throws {
    let texts = try String.fetchAll(
      db, sql: "SELECT DISTINCT end_reason FROM access WHERE end_reason IS NOT NULL ORDER BY end_reason")
    var ends: [(String, AccessVersionEnd)] = []
    for text in texts {
      guard let end = AuditWording.accessVersionEnd(text) else {
        let words = ([.changed] + AccessEndReason.allCases.map(AccessVersionEnd.ended)).map(AuditWording.text)
        throw RegistryError(
          "\(try firstAccess(db, where: "end_reason", is: text)) holds end_reason \"\(text)\", which cannot be read "
            + "(PostDesk wrote \(either(words))); \(mend)")
      }
      ends.append((text, end))
    }
    // Checked first, converted after: a refusal names a row as it was.
    for (text, end) in ends {
      try db.execute(sql: "UPDATE access SET end_reason = ? WHERE end_reason = ?", arguments: [end.code, text])
    }
    let consents = try String.fetchAll(db, sql: "SELECT DISTINCT consent FROM access ORDER BY consent")
    for text in consents where DelegatedAccess.Consent(code: text) == nil {
      throw RegistryError(
        "\(try firstAccess(db, where: "consent", is: text)) holds consent \"\(text)\", which cannot be read "
          + "(PostDesk wrote \(either(DelegatedAccess.Consent.codes))); \(mend)")
    }
    try db.execute(
      sql: """
        CREATE TABLE access_kept (
          owner INTEGER NOT NULL,
          helper INTEGER NOT NULL,
          valid_from TEXT NOT NULL,
          valid_to TEXT,
          level TEXT NOT NULL CHECK (level IN ('read', 'read-write')),
          until TEXT NOT NULL,
          consent TEXT NOT NULL CHECK (consent IN ('in-person', 'power-of-attorney')),
          end_reason TEXT CHECK (end_reason IN ('expired', 'revoked-by-owner', 'given-up-by-helper', 'owner-died',
            'helper-died', 'owner-exempted', 'changed')),
          audit_id INTEGER NOT NULL,
          PRIMARY KEY (owner, helper, valid_from, audit_id)
        ) WITHOUT ROWID;
        INSERT INTO access_kept SELECT owner, helper, valid_from, valid_to, level, until, consent, end_reason,
          audit_id FROM access;
        DROP TABLE access;
        ALTER TABLE access_kept RENAME TO access;
        CREATE INDEX access_helper ON access (helper, valid_from);
        """)
  }

  /// "the access row of OWNER and HELPER from DAY", masked, of the first row whose `column` is `text`.
  private static func firstAccess(_ db: Database, where column: String, is text: String) throws -> String {
    let row = try Row.fetchOne(
      db, sql: "SELECT owner, helper, valid_from FROM access WHERE \(column) = ? ORDER BY owner, helper, valid_from",
      arguments: [text])!
    return "the access row of \(CitizenRow.cpr(row[0])) and \(CitizenRow.cpr(row[1])) from \(row[2] as String)"
  }

  static func applications(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE application ADD COLUMN representative_authority TEXT
          CHECK (representative_authority IN ('power-of-attorney', 'guardian'));
        ALTER TABLE application ADD COLUMN representative_name TEXT;
        """)
    let rows = try Row.fetchAll(
      db, sql: "SELECT id, representation FROM application WHERE representation IS NOT NULL ORDER BY id")
    for row in rows {
      let id: Int64 = row[0]
      let text: String = row[1]
      guard let representative = AuditWording.representative(text) else {
        throw RegistryError(
          "the application row of application \(id) holds representation \"\(text)\", which cannot be read "
            + "(PostDesk wrote AUTHORITY|NAME, AUTHORITY one of \(either(Representative.Authority.codes))); \(mend)")
      }
      try db.cachedStatement(
        sql: "UPDATE application SET representative_authority = ?, representative_name = ? WHERE id = ?"
      ).execute(arguments: [representative.authority.code, representative.displayName, id])
    }
    try db.execute(sql: "ALTER TABLE application DROP COLUMN representation")
  }

  /// Withdrawals marked as such (`DecisionRecord.isWithdrawal`), their reason no longer text.
  static func decisions(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE decision ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1));
        UPDATE decision SET withdrawn = 1, reason = NULL WHERE granted = 0 AND reason = ?;
        """, arguments: [AuditWording.withdrawal])
  }

  /// Every centre of an application, a decision or a clerk's account is a municipality code.
  static func centres(_ db: Database) throws {
    if let row = try Row.fetchOne(
      db,
      sql: """
        SELECT id, quote(centre) FROM clerk
        WHERE NOT (typeof(centre) = 'text' AND centre GLOB '[1-9][0-9][0-9]') ORDER BY id LIMIT 1
        """)
    {
      throw RegistryError(
        "the clerk row of clerk \(row[0] as String) holds centre \(row[1] as String), which cannot be read (PostDesk "
          + "wrote a three-digit municipality code, as '101'); \(mend)")
    }
    for (table, key) in [("application", "id"), ("decision", "application_id")] {
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT \(key), quote(centre) FROM \(table)
            WHERE NOT (typeof(centre) = 'text' AND centre GLOB '[1-9][0-9][0-9]') ORDER BY \(key) LIMIT 1
            """)
      else { continue }
      throw RegistryError(
        "the \(table) row of application \(row[0] as Int64) holds centre \(row[1] as String), which cannot be read "
          + "(PostDesk wrote a three-digit municipality code, as '101'); \(mend)")
    }
  }
}
