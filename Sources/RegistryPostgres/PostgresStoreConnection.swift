import Foundation
import Logging
import PostgresNIO
import Registry

/// A `StoreConnection` on one connection leased from the store's pool, inside the read or
/// write that leased it: each statement's placeholders translated once (`PostgresPlaceholders`),
/// its arguments bound as PostgreSQL's types, its rows read back as `StoreValue`s.
///
/// The calling thread waits for each statement's answer (PostgresNIO's future, completed on
/// one of NIO's event-loop threads, never on the thread that waits).
final class PostgresStoreConnection: StoreConnection {
  /// The leased connection.
  let connection: PostgresConnection
  /// Whether a transaction is open on it (a cursor needs one).
  let inTransaction: Bool
  private let statements: StatementCache
  private let waited: Double
  private let logger: Logger
  private var cursors = 0

  /// The rows a cursor brings per round trip in `forEach`.
  static let cursorBatch = 5000

  init(
    _ connection: PostgresConnection, inTransaction: Bool, statements: StatementCache, waited: Double, logger: Logger
  ) {
    self.connection = connection
    self.inTransaction = inTransaction
    self.statements = statements
    self.waited = waited
    self.logger = logger
  }

  func fetchAll(_ sql: String, _ arguments: [any StoreBindable]) throws -> [StoreRow] {
    try run(sql, arguments).rows.map { try Self.row($0) }
  }

  func fetchOne(_ sql: String, _ arguments: [any StoreBindable]) throws -> StoreRow? {
    try run(sql, arguments).rows.first.map { try Self.row($0) }
  }

  func forEach(_ sql: String, _ arguments: [any StoreBindable], _ body: (StoreRow) throws -> Void) throws {
    // A cursor lives in a transaction: one of its own for a plain statement's read.
    guard inTransaction else {
      try raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
      do {
        try cursor(sql, arguments, body)
        try raw("COMMIT")
      } catch {
        _ = try? raw("ROLLBACK")
        throw error
      }
      return
    }
    try cursor(sql, arguments, body)
  }

  /// `body` on each row of `sql`, fetched `cursorBatch` at a time through a cursor.
  private func cursor(_ sql: String, _ arguments: [any StoreBindable], _ body: (StoreRow) throws -> Void) throws {
    cursors += 1
    let name = "registry_cursor_\(cursors)"
    try run("DECLARE \(name) NO SCROLL CURSOR FOR " + sql, arguments)
    do {
      while true {
        let rows = try raw("FETCH \(Self.cursorBatch) FROM \(name)").rows
        for row in rows { try body(Self.row(row)) }
        if rows.count < Self.cursorBatch { break }
      }
    } catch {
      _ = try? raw("CLOSE \(name)")
      throw error
    }
    try raw("CLOSE \(name)")
  }

  @discardableResult
  func execute(_ sql: String, _ arguments: [any StoreBindable]) throws -> Int {
    try run(sql, arguments).metadata.rows ?? 0
  }

  /// Runs `sql` (the store's portable SQL) with `arguments`.
  @discardableResult
  private func run(_ sql: String, _ arguments: [any StoreBindable]) throws -> PostgresQueryResult {
    let translated = statements.translated(sql)
    var bindings = PostgresBindings(capacity: arguments.count)
    for argument in arguments {
      switch argument.storeValue {
      case .null: bindings.appendNull()
      case .integer(let value): bindings.append(value)
      case .real(let value): bindings.append(value)
      case .text(let value): bindings.append(value)
      case .blob(let value): bindings.append(ByteBuffer(bytes: value))
      case .boolean(let value): bindings.append(value)
      }
    }
    return try query(PostgresQuery(unsafeSQL: translated, binds: bindings))
  }

  /// Runs `sql` as PostgreSQL reads it, without arguments: the store's own statements.
  @discardableResult
  func raw(_ sql: String) throws -> PostgresQueryResult { try query(PostgresQuery(unsafeSQL: sql)) }

  private func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
    // A statement written to a connection that has just closed is never answered (PostgresNIO
    // drops it with the channel): refuse it here, and while waiting look at the connection
    // every second, so that a connection the server ended cannot hang its caller.
    guard !connection.isClosed else { throw Self.closed }
    let answer = Answer()
    connection.query(query, logger: logger).whenComplete { answer.set($0) }
    while true {
      if let result = answer.wait(seconds: 1) {
        do {
          return try result.get()
        } catch {
          throw PostgresFailure.registryError(error, waited: waited)
        }
      }
      if connection.isClosed { throw Self.closed }
    }
  }

  /// The store names its database (`PostgresStore.withConnection`).
  private static let closed = RegistryUnavailable(
    registry: "", cause: "the connection closed before the statement was answered")

  /// A row's columns as `StoreValue`s, each read by its PostgreSQL type.
  static func row(_ row: PostgresRow) throws -> StoreRow {
    try StoreRow(row.map { try value($0) })
  }

  private static func value(_ cell: PostgresCell) throws -> StoreValue {
    guard cell.bytes != nil else { return .null }
    do {
      switch cell.dataType {
      case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
      case .float4, .float8: return .real(try cell.decode(Double.self))
      case .numeric: return .real(NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue)
      case .bool: return .boolean(try cell.decode(Bool.self))
      case .bytea: return .blob(try cell.decode(Data.self))
      default: return .text(try cell.decode(String.self))
      }
    } catch {
      // The schema's columns are of the types above; any other is read as its text.
      throw RegistryError("PostgreSQL's column \(cell.columnName) of type \(cell.dataType) cannot be read: \(error)")
    }
  }
}

@available(*, unavailable)
extension PostgresStoreConnection: Sendable {}

/// A statement's answer, set on an event-loop thread and waited for on the caller's.
private final class Answer: @unchecked Sendable {
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var result: Result<PostgresQueryResult, any Error>?

  func set(_ result: Result<PostgresQueryResult, any Error>) {
    condition.lock()
    self.result = result
    condition.broadcast()
    condition.unlock()
  }

  /// The answer, or nil when none came within `seconds`.
  func wait(seconds: Double) -> Result<PostgresQueryResult, any Error>? {
    let deadline = Date(timeIntervalSinceNow: seconds)
    condition.lock()
    defer { condition.unlock() }
    while result == nil && condition.wait(until: deadline) {}
    return result
  }
}
