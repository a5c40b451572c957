/// One connection of a store inside one transaction (a read snapshot, or the one write):
/// plain reads and writes in the SQL both engines speak.
///
/// That SQL: placeholders `?` (in order) or `?N` (by number, `?1` used twice binds one
/// value twice); dates as ISO text, which compares as dates; `INSERT … RETURNING` for a new
/// key; `ON CONFLICT … DO UPDATE`/`DO NOTHING`; no engine's own functions. What only one
/// engine can do (SQLite's routing table, PostgreSQL's `COPY`) is the store's, not here.
///
/// Valid only inside the `RegistryStore.read` or `write` that gave it, on that thread.
public protocol StoreConnection: AnyObject {
  /// Every row of `sql`.
  func fetchAll(_ sql: String, _ arguments: [any StoreBindable]) throws -> [StoreRow]

  /// The first row of `sql`, nil when it has none.
  func fetchOne(_ sql: String, _ arguments: [any StoreBindable]) throws -> StoreRow?

  /// Runs `body` on each row of `sql` in turn, without holding them all: for one pass over a
  /// table of millions (the audit log, checked whole).
  func forEach(_ sql: String, _ arguments: [any StoreBindable], _ body: (StoreRow) throws -> Void) throws

  /// Runs a statement that changes rows (or the schema); returns how many rows it changed.
  @discardableResult
  func execute(_ sql: String, _ arguments: [any StoreBindable]) throws -> Int
}

extension StoreConnection {
  /// Every row of `sql`, which takes no arguments.
  public func fetchAll(_ sql: String) throws -> [StoreRow] { try fetchAll(sql, []) }

  /// The first row of `sql`, which takes no arguments.
  public func fetchOne(_ sql: String) throws -> StoreRow? { try fetchOne(sql, []) }

  /// The first column of the first row of `sql` as `T`; nil when there is no row or it is NULL.
  public func fetchValue<T: StoreReadable>(_ sql: String, _ arguments: [any StoreBindable] = []) throws -> T? {
    guard let row = try fetchOne(sql, arguments) else { return nil }
    let value: T? = row[0]
    return value
  }
}
