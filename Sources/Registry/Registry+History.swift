import GRDB

extension DatabaseMigrator {
  /// Exemption periods and access versions keyed by their audit entry as well, so that
  /// several on one day (grant, withdraw and grant again) are all kept: the first schema
  /// keyed them by day, and a second one that day replaced the first.
  mutating func registerHistoryMigrations() {
    registerMigration("history-every-version-v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE exemption_kept (
            cpr INTEGER NOT NULL,
            valid_from TEXT NOT NULL,
            valid_to TEXT,
            end_reason TEXT,
            criteria TEXT NOT NULL,
            for_emigration INTEGER NOT NULL,
            application_id INTEGER REFERENCES application (id),
            paper_copies_from TEXT,
            audit_id INTEGER NOT NULL,
            PRIMARY KEY (cpr, valid_from, audit_id)
          ) WITHOUT ROWID;
          INSERT INTO exemption_kept SELECT cpr, valid_from, valid_to, end_reason, criteria, for_emigration,
            application_id, paper_copies_from, audit_id FROM exemption;
          DROP TABLE exemption;
          ALTER TABLE exemption_kept RENAME TO exemption;

          CREATE TABLE access_kept (
            owner INTEGER NOT NULL,
            helper INTEGER NOT NULL,
            valid_from TEXT NOT NULL,
            valid_to TEXT,
            level TEXT NOT NULL CHECK (level IN ('read', 'read-write')),
            until TEXT NOT NULL,
            consent TEXT NOT NULL,
            end_reason TEXT,
            audit_id INTEGER NOT NULL,
            PRIMARY KEY (owner, helper, valid_from, audit_id)
          ) WITHOUT ROWID;
          INSERT INTO access_kept SELECT owner, helper, valid_from, valid_to, level, until, consent, end_reason,
            audit_id FROM access;
          DROP TABLE access;
          ALTER TABLE access_kept RENAME TO access;
          CREATE INDEX access_helper ON access (helper, valid_from);

          -- Entries before this one may have had their row replaced by a later one the same
          -- day: `audit verify` asks a row of each entry only from here on.
          INSERT INTO meta (key, value) SELECT 'every_row_kept_from', coalesce(max(id), 0) + 1 FROM audit;
          """)
    }
  }
}
