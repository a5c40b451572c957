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

  /// Citizen versions keyed by their audit entry as well (`citizenEveryVersionSQL`), after
  /// the identity documents' migration.
  mutating func registerCitizenHistoryMigrations() {
    registerMigration("citizen-every-version-v1") { db in
      try db.execute(sql: Self.citizenEveryVersionSQL)
    }
  }

  /// Citizen versions keyed by their audit entry as well, as exemption periods and access
  /// versions are: a second change effective the same day (a re-import) closes that day's
  /// version on its first day (it holds on no day, and reads as of the day take the later
  /// one) instead of deleting it. Every row is copied as it is, except that a custody holder
  /// named twice (which the import now refuses, `Citizen.checkRegistrable`) is kept once, so
  /// that a letter to the child no longer sends that person two copies; the table's index and
  /// the routing table's triggers are made again (they go with the old table).
  static let citizenEveryVersionSQL = """
    CREATE TABLE citizen_kept (
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
      PRIMARY KEY (cpr, valid_from, audit_id)
    ) WITHOUT ROWID;
    INSERT INTO citizen_kept SELECT cpr, valid_from, valid_to, birth_date, name, address_kind, co_name, street,
      building, floor, door, postcode, city, foreign_lines, country, status, status_date, language, municipality,
      custody_1, CASE WHEN custody_2 = custody_1 THEN NULL ELSE custody_2 END, audit_id
      FROM citizen ORDER BY cpr, valid_from;
    UPDATE citizen_route SET custody_2 = NULL WHERE custody_2 = custody_1;
    DROP TABLE citizen;
    ALTER TABLE citizen_kept RENAME TO citizen;
    CREATE INDEX citizen_birth_date ON citizen (birth_date);
    \(CitizenRoute.triggersSQL)
    """
}
