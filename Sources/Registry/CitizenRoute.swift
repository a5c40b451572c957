import DigitalPost
import GRDB

/// The compact table of routing facts, `citizen_route`: one row per citizen with an open
/// version (`valid_to IS NULL`), keyed by the CPR number as rowid, small integers only.
///
/// Routing a national batch reads what §7 needs of millions of citizens. From `citizen`
/// (WITHOUT ROWID, names and addresses in every row, ~600 MB at 5,000,000) random look-ups
/// touch every leaf page; this table holds ~30 bytes a citizen, small enough to map whole.
/// Triggers on `citizen` keep it right for every writer (the import, the desk, scripts that
/// write the file with plain SQL); dates before a citizen's open version are answered from
/// `citizen`'s history (`RecipientLookup.facts`).
///
/// Columns: `valid_from` and `status_date` as YYYYMMDD integers; `kind` packs the status
/// and the address kind as `status * 4 + address` (status 0 resident, 1 emigrated,
/// 2 no-fixed-residence, 3 deceased; address 0 danish, 1 foreign, 2 none).
enum CitizenRoute {
  /// `YYYY-MM-DD` text of `citizen` as a YYYYMMDD integer, in SQL.
  private static func day(_ column: String) -> String { "CAST(replace(\(column), '-', '') AS INTEGER)" }

  /// The packed `kind` of a `citizen` row, in SQL.
  private static func kind(_ row: String) -> String {
    """
    (CASE \(row).status WHEN 'resident' THEN 0 WHEN 'emigrated' THEN 1 WHEN 'no-fixed-residence' THEN 2 \
    ELSE 3 END) * 4 + (CASE \(row).address_kind WHEN 'danish' THEN 0 WHEN 'foreign' THEN 1 ELSE 2 END)
    """
  }

  /// The compact columns of the `citizen` row `row` (`NEW`, `OLD` or a table alias).
  private static func values(_ row: String) -> String {
    """
    \(row).cpr, \(day("\(row).valid_from")), \(kind(row)), \(day("\(row).status_date")), \
    \(row).municipality, \(row).custody_1, \(row).custody_2
    """
  }

  private static let columns = "cpr, valid_from, kind, status_date, municipality, custody_1, custody_2"

  /// Puts `NEW` in the table, unless a later open version is already there (a writer that
  /// opened a version without closing the one before). One look-up by rowid: an upsert,
  /// because an `INSERT ... SELECT` reading `citizen_route` itself would build a temporary
  /// table per row, and because SQLite would impose a writer's `INSERT OR IGNORE` on a
  /// trigger's own `OR REPLACE` (an upsert's conflict target keeps its own rule).
  private static func putNew(_ select: String) -> String {
    """
    INSERT INTO citizen_route (\(columns)) \(select)
      ON CONFLICT (cpr) DO UPDATE SET valid_from = excluded.valid_from, kind = excluded.kind,
        status_date = excluded.status_date, municipality = excluded.municipality,
        custody_1 = excluded.custody_1, custody_2 = excluded.custody_2
      WHERE excluded.valid_from >= citizen_route.valid_from;
    """
  }

  /// Takes `OLD` out of the table if it was the open version there.
  private static let dropOld = """
    DELETE FROM citizen_route WHERE OLD.valid_to IS NULL AND cpr = OLD.cpr \
    AND valid_from = \(day("OLD.valid_from"));
    """

  /// The table, its triggers and its first filling from the open versions already stored.
  /// Writers close a version with an UPDATE of `valid_to`, open one with an INSERT, and
  /// replace the same day's version with a DELETE and an INSERT; one trigger per statement
  /// kind, the UPDATE's dropping the old row before putting the new one.
  static let migrationSQL = """
    CREATE TABLE citizen_route (
      cpr INTEGER PRIMARY KEY,
      valid_from INTEGER NOT NULL,
      kind INTEGER NOT NULL,
      status_date INTEGER,
      municipality INTEGER NOT NULL,
      custody_1 INTEGER,
      custody_2 INTEGER
    );
    \(fillSQL)
    \(triggersSQL)
    """

  /// The three triggers on `citizen`: made again whenever `citizen` is rebuilt (a table's
  /// triggers go with it).
  static let triggersSQL = """
    \(insertTriggerSQL)
    CREATE TRIGGER citizen_route_update AFTER UPDATE ON citizen BEGIN
      \(dropOld)
      \(putNew("SELECT \(values("NEW")) WHERE NEW.valid_to IS NULL"))
    END;
    CREATE TRIGGER citizen_route_delete AFTER DELETE ON citizen WHEN OLD.valid_to IS NULL BEGIN
      \(dropOld)
    END;
    """

  /// Fills the table from the open versions in `citizen` (in key order: appends).
  static let fillSQL = """
    INSERT OR REPLACE INTO citizen_route (\(columns))
      SELECT \(values("c")) FROM citizen c WHERE c.valid_to IS NULL ORDER BY c.cpr, c.valid_from;
    """

  /// The trigger that puts every new open version in the table.
  static let insertTriggerSQL = """
    CREATE TRIGGER citizen_route_insert AFTER INSERT ON citizen WHEN NEW.valid_to IS NULL BEGIN
      \(putNew("VALUES (\(values("NEW")))"))
    END;
    """

  /// Before a bulk load into an empty `citizen`: without the insert trigger. A trigger makes
  /// SQLite keep a statement journal for every INSERT (a copy of each page it touches, in a
  /// temporary file once it grows past 64 KB) and run a sub-program per row: 2-3 µs a row,
  /// 12-25 s of a 5,000,000-row import, against one pass over the loaded table at the end.
  static func beginBulkLoad(_ db: Database) throws {
    try db.execute(sql: "DROP TRIGGER citizen_route_insert")
  }

  /// After the bulk load, in the same transaction: the table filled and the trigger back.
  static func endBulkLoad(_ db: Database) throws {
    try db.execute(sql: fillSQL)
    try db.execute(sql: insertTriggerSQL)
  }

  /// The read of one citizen's row: the lookup holds it and binds the key.
  static let factsSQL = """
    SELECT valid_from, kind, status_date, municipality, custody_1, custody_2 FROM citizen_route WHERE cpr = ?1
    """

  /// A date as the table stores it: YYYYMMDD.
  static func day(_ date: CivilDate) -> Int64 { Int64(date.year * 10_000 + date.month * 100 + date.day) }

  /// The date of a YYYYMMDD integer; nil when it is not one.
  static func date(_ value: Int64?) -> CivilDate? {
    guard let value else { return nil }
    return CivilDate(year: Int(value / 10_000), month: Int(value / 100 % 100), day: Int(value % 100))
  }

  /// The facts of a row read with `factsSQL` (columns 1...5); `isExempt` comes from elsewhere.
  static func facts(_ raw: RawStatement, isExempt: Bool) -> RoutingFacts {
    let kind = raw.int64(1) ?? 0
    let status: CPRStatus
    switch (kind / 4, date(raw.int64(2))) {
    case (1, let day?): status = .emigrated(since: day)
    case (2, let day?): status = .noFixedResidence(since: day)
    case (3, let day?): status = .deceased(on: day)
    default: status = .resident
    }
    let holders = CitizenRow.custodyHolders(raw.int64(4), raw.int64(5))
    return RoutingFacts(
      status: status, custodyHolders: holders, hasPostalAddress: kind % 4 != 2,
      municipality: MunicipalityCode(Int(raw.int64(3) ?? 0))!, isExempt: isExempt)
  }
}

extension DatabaseMigrator {
  /// The compact table of routing facts (`CitizenRoute`), after the clerks' migration.
  mutating func registerRouteMigrations() {
    registerMigration("citizen-route-v1") { db in try db.execute(sql: CitizenRoute.migrationSQL) }
  }
}
