import DigitalPost

/// Writes citizen versions: shared by `upsertCitizen` and the CSV import.
enum CitizenStore {
  /// The open version of a citizen and the day it began.
  struct Version {
    var citizen: Citizen
    var validFrom: String
    /// The audit entry that wrote it (an import's id on every row it wrote).
    var auditID: Int64
  }

  static let openSQL =
    "SELECT \(CitizenRow.selection), valid_from, audit_id FROM citizen WHERE cpr = ? AND valid_to IS NULL"

  static func openVersion(_ db: any StoreConnection, _ cpr: CPRNumber) throws -> Version? {
    guard let row = try db.fetchOne(openSQL, [CitizenRow.key(cpr)]) else {
      return nil
    }
    return Version(citizen: CitizenRow.citizen(from: row), validFrom: row[18], auditID: row[19])
  }

  /// History is never rewritten: a change cannot take effect before the version it replaces.
  static func checkNotBefore(_ current: Version?, _ cpr: CPRNumber, effective: CivilDate) throws {
    if let current, current.validFrom > effective.iso {
      throw RegistryError(
        "\(cpr) is registered as changed on \(current.validFrom); a change effective \(effective) cannot precede it")
    }
  }

  /// Closes `current` (if any) at `effective` and opens the new version. Every version is
  /// kept: a second change the same day closes that day's version on its first day, so it
  /// holds on no day and reads as of the day find the later one (docs/citizens-csv.md).
  static func store(
    _ db: any StoreConnection, _ citizen: Citizen, effective: CivilDate, current: Version?, auditID: Int64
  ) throws -> CitizenChange {
    if current != nil {
      try db.execute(
        "UPDATE citizen SET valid_to = ? WHERE cpr = ? AND valid_to IS NULL",
        [effective.iso, CitizenRow.key(citizen.cpr)])
    }
    try CitizenRow.insert(db, citizen, validFrom: effective.iso, auditID: auditID)
    return current == nil ? .created : .updated
  }
}
