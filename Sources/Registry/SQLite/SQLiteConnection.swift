import Foundation
import GRDB

/// A `StoreConnection` on one of GRDB's SQLite connections, inside the read or write that
/// lent it: statements from the connection's cache, bound and read through SQLite's C API
/// (`RawStatement`), which costs less than GRDB's arguments and rows on the citizen page.
final class SQLiteConnection: StoreConnection {
  /// GRDB's connection; the SQLite-only paths (the routing lookup, the import) use it directly.
  let db: Database

  init(_ db: Database) { self.db = db }

  /// The cached statement of `sql` with `arguments` bound (`?N` binds the Nth).
  private func prepared(_ sql: String, _ arguments: [any StoreBindable]) throws -> (Statement, RawStatement) {
    let statement = try db.cachedStatement(sql: sql)
    let raw = RawStatement(statement, db)
    raw.reset()
    for (index, argument) in arguments.enumerated() { raw.bind(Int32(index + 1), argument.storeValue) }
    return (statement, raw)
  }

  private static func row(_ raw: RawStatement) -> StoreRow {
    let count = raw.columnCount
    var values: [StoreValue] = []
    values.reserveCapacity(Int(count))
    for column in 0..<count { values.append(raw.value(column)) }
    return StoreRow(values)
  }

  func fetchAll(_ sql: String, _ arguments: [any StoreBindable]) throws -> [StoreRow] {
    var rows: [StoreRow] = []
    try forEach(sql, arguments) { rows.append($0) }
    return rows
  }

  func fetchOne(_ sql: String, _ arguments: [any StoreBindable]) throws -> StoreRow? {
    let (statement, raw) = try prepared(sql, arguments)
    defer { raw.reset() }
    return try withExtendedLifetime(statement) { try raw.step() ? Self.row(raw) : nil }
  }

  func forEach(_ sql: String, _ arguments: [any StoreBindable], _ body: (StoreRow) throws -> Void) throws {
    let (statement, raw) = try prepared(sql, arguments)
    defer { raw.reset() }
    try withExtendedLifetime(statement) {
      while try raw.step() { try body(Self.row(raw)) }
    }
  }

  @discardableResult
  func execute(_ sql: String, _ arguments: [any StoreBindable]) throws -> Int {
    let (statement, raw) = try prepared(sql, arguments)
    defer { raw.reset() }
    try withExtendedLifetime(statement) {
      while try raw.step() {}
    }
    return db.changesCount
  }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}
