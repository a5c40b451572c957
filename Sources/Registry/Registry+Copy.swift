import Foundation

/// What a copy carried: rows per table, in the order copied.
public struct RegistryCopySummary: Sendable, Equatable {
  /// The table names and their row counts.
  public var rows: [(table: String, count: Int)]

  /// Compares the counts table by table.
  public static func == (a: RegistryCopySummary, b: RegistryCopySummary) -> Bool {
    a.rows.map(\.table) == b.rows.map(\.table) && a.rows.map(\.count) == b.rows.map(\.count)
  }
}

extension Registry {
  /// Copies this whole registry into `destination`, which must be new (no citizen, no audit
  /// entry): every table row for row, history and audit log included, and the key of the audit
  /// log's subject hashes, so that the copy's `audit verify` finds the same chain and state.
  /// How a municipality moves from the embedded SQLite file to PostgreSQL, or back.
  ///
  /// One read of this registry (one snapshot) and one write of the destination: a copy that
  /// fails leaves the destination as it was. The copy's own `Registry` must be opened anew
  /// afterwards (its subject key is the copied one).
  public func copy(to destination: Registry) throws -> RegistryCopySummary {
    try store.read { source in
      try destination.store.write { target in
        let audit: Int = try target.fetchValue("SELECT count(*) FROM audit") ?? 0
        let citizens: Int = try target.fetchValue("SELECT count(*) FROM citizen") ?? 0
        guard audit == 0, citizens == 0 else {
          throw RegistryError(
            "the registry to copy into is not new (\(citizens) citizen versions, \(audit) audit entries): a copy goes "
              + "into an empty registry; give the path or URL of a new one")
        }
        try Self.copyMeta(source, target)
        var summary = RegistryCopySummary(rows: [])
        for table in RegistryTable.copied {
          summary.rows.append((table.name, try Self.copy(table, source, target)))
        }
        return summary
      }
    }
  }

  /// The registry's own settings: the subject key above all. A number (SQLite's
  /// `every_row_kept_from`) is carried as its digits, as both engines' `meta` can hold.
  private static func copyMeta(_ source: any StoreConnection, _ target: any StoreConnection) throws {
    for row in try source.fetchAll("SELECT key, value FROM meta ORDER BY key") {
      let key: String = row[0]
      // The schema's version is each store's own (PostgreSQL's), not the register's.
      guard key != "schema_version" else { continue }
      let value: Data =
        switch row.values[1] {
        case .integer(let number): Data(String(number).utf8)
        case .real(let number): Data(String(number).utf8)
        case .text(let text): Data(text.utf8)
        case .blob(let bytes): bytes
        default: Data()
        }
      try target.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value])
    }
  }

  /// Copies `table` in statements of many rows (within both engines' limits on arguments).
  private static func copy(_ table: RegistryTable, _ source: any StoreConnection, _ target: any StoreConnection)
    throws -> Int
  {
    let perStatement = max(1, 4_000 / table.columns.count)
    let fullSQL = table.insertSQL(rows: perStatement)
    var pending: [any StoreBindable] = []
    pending.reserveCapacity(perStatement * table.columns.count)
    var rows = 0
    func flush() throws {
      guard !pending.isEmpty else { return }
      let count = pending.count / table.columns.count
      try target.execute(count == perStatement ? fullSQL : table.insertSQL(rows: count), pending)
      pending.removeAll(keepingCapacity: true)
    }
    let order = table.columns.prefix(3).joined(separator: ", ")
    try source.forEach("SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(order)", []) {
      row in
      for (index, value) in row.values.enumerated() { pending.append(table.carried(value, column: index)) }
      rows += 1
      if rows % perStatement == 0 { try flush() }
    }
    try flush()
    return rows
  }
}
