import Foundation
import GRDB

extension Registry {
  /// The schema, one migration per change; a new file gets them all on first use.
  ///
  /// History: every versioned table has `valid_from` (ISO date, inclusive) and `valid_to`
  /// (ISO date, exclusive; NULL = still open). A version holds on day D when
  /// `valid_from <= D AND (valid_to IS NULL OR valid_to > D)`; ISO text compares like dates.
  /// CPR numbers are stored as INTEGER (the ten digits): smaller and faster to compare
  /// than text, and printed back with leading zeros.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;

          -- One row per version of a citizen. (cpr, valid_from) is the key here: a second
          -- change effective the same day replaced that day's version until
          -- citizen-every-version-v1 keyed it by its audit entry too.
          CREATE TABLE citizen (
            cpr INTEGER NOT NULL,
            valid_from TEXT NOT NULL,
            valid_to TEXT,
            birth_date TEXT NOT NULL,
            name TEXT NOT NULL,
            address_kind TEXT NOT NULL CHECK (address_kind IN ('danish', 'foreign', 'none')),
            co_name TEXT, street TEXT, building TEXT, floor TEXT, door TEXT,
            postcode TEXT, city TEXT,
            foreign_lines TEXT, country TEXT,
            status TEXT NOT NULL
              CHECK (status IN ('resident', 'emigrated', 'no-fixed-residence', 'deceased')),
            status_date TEXT,
            language TEXT NOT NULL,
            municipality INTEGER NOT NULL,
            custody_1 INTEGER, custody_2 INTEGER,
            audit_id INTEGER NOT NULL,
            PRIMARY KEY (cpr, valid_from)
          ) WITHOUT ROWID;
          CREATE INDEX citizen_birth_date ON citizen (birth_date);

          CREATE TABLE application (
            id INTEGER PRIMARY KEY,
            cpr INTEGER NOT NULL,
            received_on TEXT NOT NULL,
            centre TEXT NOT NULL,
            clerk TEXT NOT NULL,
            criteria TEXT NOT NULL,            -- JSON array of criterion words
            representation TEXT,
            identity_documents TEXT NOT NULL,  -- JSON array (of objects since identity-documents-as-objects-v1)
            paper_copies INTEGER NOT NULL,
            audit_id INTEGER NOT NULL
          );
          CREATE INDEX application_cpr ON application (cpr);

          -- A decision is final: one per application, never changed.
          CREATE TABLE decision (
            application_id INTEGER PRIMARY KEY REFERENCES application (id),
            granted INTEGER NOT NULL,
            reason TEXT,
            effective TEXT NOT NULL,
            centre TEXT NOT NULL,
            clerk TEXT NOT NULL,
            audit_id INTEGER NOT NULL
          );

          -- One row per exemption period: valid_from = since, valid_to = ended on.
          CREATE TABLE exemption (
            cpr INTEGER NOT NULL,
            valid_from TEXT NOT NULL,
            valid_to TEXT,
            end_reason TEXT,
            criteria TEXT NOT NULL,
            for_emigration INTEGER NOT NULL,
            application_id INTEGER REFERENCES application (id),
            paper_copies_from TEXT,
            audit_id INTEGER NOT NULL,
            PRIMARY KEY (cpr, valid_from)
          ) WITHOUT ROWID;

          -- One row per version of an owner-helper access; `until` is the chosen expiry.
          CREATE TABLE access (
            owner INTEGER NOT NULL,
            helper INTEGER NOT NULL,
            valid_from TEXT NOT NULL,
            valid_to TEXT,
            level TEXT NOT NULL CHECK (level IN ('read', 'read-write')),
            until TEXT NOT NULL,
            consent TEXT NOT NULL,
            end_reason TEXT,
            audit_id INTEGER NOT NULL,
            PRIMARY KEY (owner, helper, valid_from)
          ) WITHOUT ROWID;
          CREATE INDEX access_helper ON access (helper, valid_from);

          -- The append-only, hash-chained audit log. `subject` is masked; `subject_key` is a
          -- keyed hash of the CPR number for finding a citizen's entries, never printed.
          CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            clerk TEXT NOT NULL,
            centre TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            subject_key TEXT,
            before TEXT,
            after TEXT,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
          );
          CREATE INDEX audit_subject_key ON audit (subject_key) WHERE subject_key IS NOT NULL;
          CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
          CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
          """)
      // The key for `subject_key`, made once per registry.
      var key = [UInt8](repeating: 0, count: 32)
      var generator = SystemRandomNumberGenerator()
      for i in key.indices { key[i] = generator.next() }
      try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('subject_key', ?)", arguments: [Data(key)])
    }
    migrator.registerClerkMigrations()
    migrator.registerRouteMigrations()
    migrator.registerHistoryMigrations()
    migrator.registerDocumentMigrations()
    migrator.registerCitizenHistoryMigrations()
    // First of this round's three: when it stops on a row it cannot read, the file is left
    // as it was (each migration commits on its own).
    migrator.registerCodeMigrations()
    migrator.registerPrintedMessageMigrations()
    // The web desk's letters (issue 25 item 1): a table of its own.
    migrator.registerKeptDocumentMigrations()
    // The web desks' sessions and sign-in counts (issue 21): shared by every desk on the registry.
    migrator.registerDeskSessionMigrations()
    migrator.registerSignInAttemptMigrations()
    return migrator
  }
}
