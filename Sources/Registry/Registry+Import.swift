import DigitalPost
import Foundation
import GRDB

extension Registry {
  /// Imports a CPR register extract (docs/citizens-csv.md) in one transaction, effective `effective`.
  ///
  /// A new citizen gets a first version, a changed one a new version (the old one closed),
  /// an unchanged one nothing. A bad row aborts the whole import with
  /// `path:line: reason`, and nothing of the file is written.
  ///
  /// The import is audited by one entry, `citizens.import`, holding the file's SHA-256,
  /// the effective date and the counts; every citizen version it writes carries that
  /// entry's id. One entry per import (not per citizen) keeps a five-million-row extract
  /// from writing five million chained hashes, and the file hash names exactly what was
  /// applied; `auditEntries(about:)` still finds the import for each citizen it changed.
  ///
  /// `importedOn` is the day the import runs (default: `effective`): an emigration exemption
  /// that a back-dated return ends ends on it (`ExemptionRules.endOnReturn`).
  public func importCitizens(
    csvPath: String, effective: CivilDate, importedOn: CivilDate? = nil, actor: AuditActor
  ) throws -> ImportSummary {
    try store.write { db in
      var (summary, movedBack) = try Self.importCitizens(db, csvPath: csvPath, effective: effective, actor: actor)
      summary.emigrationExemptionsEnded = try endEmigrationExemptions(
        of: movedBack, returnedOn: effective, importedOn: importedOn ?? effective,
        RegistryTransaction(connection: db, actor: actor, registry: self))
      return summary
    }
  }

  /// Ends the exemptions granted for emigration of citizens who moved back to Denmark
  /// (docs/rules.md §4, `ExemptionRules.endOnReturn`), each audited on its own.
  private func endEmigrationExemptions(
    of citizens: [Citizen], returnedOn: CivilDate, importedOn: CivilDate, _ tx: RegistryTransaction
  ) throws -> Int {
    defer { tx.isOpen = false }
    var ended = 0
    for citizen in citizens {
      guard let record = try tx.openExemption(citizen.cpr),
        let end = ExemptionRules.endOnReturn(of: record.exemption, returnedOn: returnedOn, importedOn: importedOn)
      else { continue }
      try tx.endExemption(citizen.cpr, on: end, reason: .movedBack)
      ended += 1
    }
    return ended
  }

  /// Returns the summary, and the citizens whose new version no longer says emigrated.
  private static func importCitizens(
    _ db: any StoreConnection, csvPath: String, effective: CivilDate, actor: AuditActor
  ) throws -> (ImportSummary, [Citizen]) {
    guard FileManager.default.isReadableFile(atPath: csvPath) else {
      throw RegistryError("cannot read \(csvPath): no such file or not readable")
    }
    // The entry that will record this import: every version written now carries its id.
    let auditID = try AuditLog.nextID(db)
    // A first import into an empty SQLite registry needs no look-ups: every row is new, and
    // a repeated CPR number hits the primary key. (On another store every import takes the
    // general path below.)
    let sqlite = db as? SQLiteConnection
    let empty = try sqlite != nil && db.fetchValue("SELECT NOT EXISTS (SELECT 1 FROM citizen)") == true
    // A bulk load builds the birth-date index once at the end (one sort) rather than
    // inserting five million keys into it in CPR order, which scatters them.
    // The compact routing table likewise: filled in one pass at the end (`CitizenRoute`).
    if empty, let sqlite {
      try sqlite.db.execute(sql: "DROP INDEX citizen_birth_date")
      try CitizenRoute.beginBulkLoad(sqlite.db)
    }
    let effectiveISO = effective.iso
    var summary = ImportSummary(rows: 0, created: 0, updated: 0, unchanged: 0, sha256: "", auditEntryID: auditID)
    var movedBack: [Citizen] = []
    // The numbers read so far, when the registry is not empty (an empty one's primary key finds repeats).
    var seen = Set<UInt64>()
    // Held for the whole file (GRDB's cache would hash the SQL text on every row).
    let insertStatement = try sqlite.map { try $0.db.cachedStatement(sql: CitizenRow.insertSQL) }
    let insert = insertStatement.map { RawStatement($0, sqlite!.db) }
    let parsed = ParsedRows(path: csvPath)
    defer { parsed.cancel() }
    reading: while true {
      switch parsed.next() {
      case .failure(let error): throw error
      case .end(let sha256):
        summary.sha256 = sha256
        break reading
      case .rows(let rows):
        for (line, citizen) in rows {
          func failure(_ reason: String) -> RegistryError { RegistryError("\(csvPath):\(line): \(reason)") }
          summary.rows += 1
          do { try citizen.checkRegistrable(on: effective) } catch {
            throw RegistryError("\(csvPath):\(line): {refusal}", refusal: error)
          }
          if empty, let insert {
            do {
              try CitizenRow.insert(insert, citizen, validFrom: effectiveISO, auditID: auditID)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
              throw failure("\(citizen.cpr) appears more than once in the file")
            }
            summary.created += 1
            continue
          }
          // A number twice in one file is an error whatever its rows say: the first may well
          // equal the registry and change nothing, and then the last row would silently win.
          guard seen.insert(UInt64(citizen.cpr.digits) ?? 0).inserted else {
            throw failure("\(citizen.cpr) appears more than once in the file")
          }
          let current = try CitizenStore.openVersion(db, citizen.cpr)
          if current?.citizen == citizen {
            summary.unchanged += 1
            continue
          }
          do { try CitizenStore.checkNotBefore(current, citizen.cpr, effective: effective) } catch let error
            as RegistryError
          { throw failure(error.message) }
          if let current, current.citizen.status.isEmigrated(on: effective), citizen.status.livesInDenmark {
            movedBack.append(citizen)
          }
          switch try CitizenStore.store(db, citizen, effective: effective, current: current, auditID: auditID) {
          case .created: summary.created += 1
          case .updated: summary.updated += 1
          case .unchanged: summary.unchanged += 1
          }
        }
      }
    }
    withExtendedLifetime(insertStatement) {}
    if empty, let sqlite {
      try sqlite.db.execute(sql: "CREATE INDEX citizen_birth_date ON citizen (birth_date)")
      try CitizenRoute.endBulkLoad(sqlite.db)
    }
    struct Audited: Encodable {
      var file: String
      var sha256: String
      var effective: String
      var rows: Int
      var created: Int
      var updated: Int
      var unchanged: Int
    }
    let after = AuditJSON.encode(
      Audited(
        file: (csvPath as NSString).lastPathComponent, sha256: summary.sha256, effective: effective.iso,
        rows: summary.rows, created: summary.created, updated: summary.updated, unchanged: summary.unchanged))
    let id = try AuditLog.append(
      db, actor: actor, action: .citizensImport, subject: nil, subjectKey: nil, before: nil, after: after)
    precondition(id == auditID, "the audit log grew during an import transaction")
    return (summary, movedBack)
  }
}
