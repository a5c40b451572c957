/// Where a registry keeps its tables: SQLite in one file (`SQLiteStore`, the default) or a
/// PostgreSQL database that many desks share. The rules above it (`Registry`,
/// `RegistryTransaction`, the audit log) are written once, on `StoreConnection`.
///
/// Writers go one at a time on either engine, as a use case reads, checks and writes in one
/// transaction; readers never wait for them.
public protocol RegistryStore: Sendable {
  /// Runs `body` on one connection in one read transaction: every read in it sees one
  /// snapshot of the registry.
  func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T

  /// Runs `body`, one statement's read, on a connection without a transaction around it:
  /// cheaper where a page makes it on every request (the work queue's count).
  func readStatement<T>(_ body: (any StoreConnection) throws -> T) throws -> T

  /// Runs `body` in one write transaction, the only writer while it runs: committed when
  /// `body` returns, rolled back when it throws. A writer that waits for another longer than
  /// the store's timeout (at once when `waiting` is false) throws `RegistryBusy`, having
  /// changed nothing.
  func write<T>(waiting: Bool, _ body: (any StoreConnection) throws -> T) throws -> T
}

extension RegistryStore {
  /// `write(waiting: true, body)`.
  public func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T { try write(waiting: true, body) }
}
