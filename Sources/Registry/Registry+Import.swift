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
  public func importCitizens(csvPath: String, effective: CivilDate, actor: AuditActor) throws -> ImportSummary {
    try writer.writeWithoutTransaction { db in
      var summary: ImportSummary?
      try db.inTransaction(.immediate) {
        summary = try Self.importCitizens(db, csvPath: csvPath, effective: effective, actor: actor)
        return .commit
      }
      return summary!
    }
  }

  private static func importCitizens(
    _ db: Database, csvPath: String, effective: CivilDate, actor: AuditActor
  ) throws -> ImportSummary {
    var lines = try CSVLines(path: csvPath)
    func failure(_ reason: String) -> RegistryError { RegistryError("\(csvPath):\(lines.lineNumber): \(reason)") }
    guard let headerLine = try lines.nextLine() else { throw RegistryError("\(csvPath): the file is empty") }
    let layout: CitizenCSV.Layout
    do throws(RegistryError) {
      layout = try CitizenCSV.Layout(header: try CSVLines.fields(headerLine).get())
    } catch { throw failure(error.message) }
    // The entry that will record this import: every version written now carries its id.
    let auditID = try AuditLog.nextID(db)
    // A first import into an empty registry needs no look-ups: every row is new, and a
    // repeated CPR number hits the primary key.
    let empty = try Int.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM citizen)") == 1
    var summary = ImportSummary(rows: 0, created: 0, updated: 0, unchanged: 0, sha256: "", auditEntryID: auditID)
    let insert = try db.cachedStatement(sql: CitizenRow.insertSQL)
    while let line = try lines.nextLine() {
      if line.isEmpty { continue }
      let citizen: Citizen
      do throws(RegistryError) {
        citizen = try CitizenCSV.citizen(try CSVLines.fields(line).get(), layout)
      } catch { throw failure(error.message) }
      summary.rows += 1
      if empty {
        do {
          try insert.execute(arguments: CitizenRow.insertArguments(citizen, validFrom: effective, auditID: auditID))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
          throw failure("\(citizen.cpr) appears more than once in the file")
        }
        summary.created += 1
        continue
      }
      let current = try CitizenStore.openVersion(db, citizen.cpr)
      if let current, current.validFrom == effective.iso, current.auditID == auditID {
        throw failure("\(citizen.cpr) appears more than once in the file")
      }
      if current?.citizen == citizen {
        summary.unchanged += 1
        continue
      }
      do { try CitizenStore.checkNotBefore(current, citizen.cpr, effective: effective) } catch let error
        as RegistryError
      { throw failure(error.message) }
      switch try CitizenStore.store(db, citizen, effective: effective, current: current, auditID: auditID) {
      case .created: summary.created += 1
      case .updated: summary.updated += 1
      case .unchanged: summary.unchanged += 1
      }
    }
    summary.sha256 = lines.sha256
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
      db, actor: actor, action: "citizens.import", subject: nil, subjectKey: nil, before: nil, after: after)
    precondition(id == auditID, "the audit log grew during an import transaction")
    return summary
  }
}
