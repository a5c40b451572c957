/// A table of the registry as a copy sees it: its columns in one order, and which of them hold
/// truth values (SQLite stores them as integers, PostgreSQL as booleans).
struct RegistryTable {
  var name: String
  var columns: [String]
  var truthColumns: Set<String> = []

  /// Every table a copy carries, parents before the rows that name them. `citizen_route` is
  /// SQLite's own routing cache (its triggers fill it); sessions and sign-in counts are the
  /// desks' passing state, not the register's.
  static let copied: [RegistryTable] = [
    RegistryTable(
      name: "audit",
      columns: [
        "id", "at", "clerk", "centre", "action", "subject", "subject_key", "before", "after", "previous_hash", "hash",
      ]),
    RegistryTable(
      name: "citizen",
      columns: [
        "cpr", "valid_from", "valid_to", "birth_date", "name", "address_kind", "co_name", "street", "building", "floor",
        "door", "postcode", "city", "foreign_lines", "country", "status", "status_date", "language", "municipality",
        "custody_1", "custody_2", "audit_id",
      ]),
    RegistryTable(
      name: "application",
      columns: [
        "id", "cpr", "received_on", "centre", "clerk", "criteria", "representative_authority", "representative_name",
        "identity_documents", "paper_copies", "audit_id",
      ], truthColumns: ["paper_copies"]),
    RegistryTable(
      name: "decision",
      columns: ["application_id", "granted", "reason", "effective", "centre", "clerk", "audit_id", "withdrawn"],
      truthColumns: ["granted", "withdrawn"]),
    RegistryTable(
      name: "exemption",
      columns: [
        "cpr", "valid_from", "valid_to", "end_reason", "criteria", "for_emigration", "application_id",
        "paper_copies_from", "audit_id", "end_helper",
      ], truthColumns: ["for_emigration"]),
    RegistryTable(
      name: "access",
      columns: [
        "owner", "helper", "valid_from", "valid_to", "level", "until", "consent", "end_reason", "audit_id",
      ]),
    RegistryTable(name: "clerk", columns: ["id", "centre", "admin", "password_hash"], truthColumns: ["admin"]),
    RegistryTable(name: "printed_message", columns: ["uuid", "batch_id", "letter", "folder"]),
    RegistryTable(name: "kept_document", columns: ["action", "name", "format", "centre", "made_at", "contents"]),
  ]

  /// The value of column `index` as the other engine binds it.
  func carried(_ value: StoreValue, column index: Int) -> StoreValue {
    guard truthColumns.contains(columns[index]), case .integer(let number) = value else { return value }
    return .boolean(number != 0)
  }

  /// The insert of `rows` rows at once.
  func insertSQL(rows: Int) -> String {
    let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    return "INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES "
      + Array(repeating: row, count: rows).joined(separator: ", ")
  }
}
