import Foundation
import Logging
import NIOCore
import PostgresNIO
import Registry

/// The registry in a PostgreSQL database that many desks share, through PostgresNIO's pooled
/// `PostgresClient`.
///
/// The registry's API is synchronous; PostgresNIO's is async. The client runs, and every
/// connection is leased, on a thread of the store's own (`ThreadTaskExecutor`); the calling
/// thread waits for its connection and then for each statement's answer, which NIO's
/// event-loop threads deliver. So the store never needs a thread of Swift's cooperative pool:
/// a web desk whose every pool thread is blocked in a registry call still gets its answers.
///
/// Writers go one at a time, as on SQLite: each write transaction first takes a
/// transaction-scoped advisory lock, waiting at most `timeout` seconds (`lock_timeout`)
/// before `RegistryBusy`. Reads are snapshots (REPEATABLE READ, READ ONLY) and never wait.
public final class PostgresStore: RegistryStore {
  /// Where the registry is (its `description` masks the password).
  public let location: PostgresLocation
  /// How long a write waits for another writer before `RegistryBusy`, in seconds.
  public let timeout: Double

  /// The advisory lock every write transaction holds: writers one at a time.
  static let writerLockKey: Int64 = 0x5044_5752_4954_4552  // "PDWRITER"
  /// How long a caller waits for a connection of the pool before it gives up, in seconds.
  /// How long a caller waits for a connection of the pool before `RegistryUnavailable`, in seconds.
  public let connectionWait: Double

  private let client: PostgresClient
  private let executor: ThreadTaskExecutor
  private let runner: Task<Void, Never>
  private let statements = StatementCache()
  private let logger = Logger(label: "postdesk.registry.postgres")

  /// Opens the registry at `location`, creating its schema on first use or migrating an older
  /// one; a write waits `timeout` seconds for another writer before it throws `RegistryBusy`.
  ///
  /// Throws a `RegistryError` of one line naming the database (password masked) and the
  /// cause when the server cannot be reached or refuses the desk.
  public init(_ location: PostgresLocation, timeout: Double = 10, connectionWait: Double = 30) throws {
    self.location = location
    self.connectionWait = connectionWait
    self.timeout = timeout
    let group = PostgresClient.defaultEventLoopGroup
    // The schema on a connection of its own, opened at once: a server that is down or a
    // password that is wrong is told now, not when the pool first retries.
    let connection: PostgresConnection
    do {
      connection = try PostgresConnection.connect(
        on: group.any(), configuration: Self.connectionConfiguration(location), id: 0, logger: logger
      ).wait()
    } catch {
      throw RegistryError("cannot open the registry \(location): \(PostgresFailure.describe(error))")
    }
    defer { try? connection.close().wait() }
    try PostgresSchema.make(
      on: PostgresStoreConnection(
        connection, inTransaction: false, statements: statements, waited: timeout, logger: logger),
      location)

    client = PostgresClient(configuration: Self.clientConfiguration(location), eventLoopGroup: group)
    let executor = ThreadTaskExecutor(name: "postdesk-postgres")
    self.executor = executor
    runner = Task(executorPreference: executor) { [client] in
      await client.run()
      executor.finish()
    }
  }

  /// Opens the registry at `url`, a PostgreSQL URL (`PostgresLocation`).
  public convenience init(url: String, timeout: Double = 10, connectionWait: Double = 30) throws {
    guard let location = try PostgresLocation(url: url) else {
      throw RegistryError("\(url) is not a PostgreSQL URL: \(PostgresLocation.form)")
    }
    try self.init(location, timeout: timeout, connectionWait: connectionWait)
  }

  deinit { runner.cancel() }

  /// A read transaction on one connection: REPEATABLE READ, READ ONLY, so every read of `body`
  /// sees one snapshot; it never waits for a writer.
  public func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
    try withConnection(inTransaction: true) { connection in
      try connection.raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
      return try Self.ending(connection) { try body(connection) }
    }
  }

  /// One connection, with no transaction around `body` (each statement its own snapshot).
  public func readStatement<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
    try withConnection(inTransaction: false) { try body($0) }
  }

  /// One transaction, the only writer while it runs: the writers' advisory lock is taken first,
  /// waiting up to `timeout` seconds (at once when `waiting` is false) before `RegistryBusy`.
  public func write<T>(waiting: Bool, _ body: (any StoreConnection) throws -> T) throws -> T {
    try withConnection(inTransaction: true) { connection in
      try connection.raw("BEGIN")
      return try Self.ending(connection) {
        // Also bounds the row locks the writer meets (an import in another process).
        try connection.raw("SET LOCAL lock_timeout = \(max(1, Int(timeout * 1000)))")
        if waiting && timeout > 0 {
          try connection.raw("SELECT pg_advisory_xact_lock(\(Self.writerLockKey))")
        } else {
          let taken: Bool? = try connection.fetchValue("SELECT pg_try_advisory_xact_lock(\(Self.writerLockKey))")
          guard taken == true else { throw RegistryBusy(waited: 0) }
        }
        return try body(connection)
      }
    }
  }

  /// Ends the transaction open on `connection`: COMMIT when `body` returns, ROLLBACK when it
  /// throws (its error rethrown).
  private static func ending<T>(_ connection: PostgresStoreConnection, _ body: () throws -> T) throws -> T {
    let result: T
    do {
      result = try body()
    } catch {
      do {
        try connection.raw("ROLLBACK")
      } catch {
        // A connection that cannot roll back must not go back to the pool in a transaction.
        let _: EventLoopFuture<Void> = connection.connection.close()
      }
      throw error
    }
    do {
      try connection.raw("COMMIT")
    } catch {
      _ = try? connection.raw("ROLLBACK")
      throw error
    }
    return result
  }

  /// Runs `body` on a connection leased from the pool, on the calling thread.
  private func withConnection<T>(
    inTransaction: Bool, _ body: (PostgresStoreConnection) throws -> T
  ) throws -> T {
    precondition(!executor.isCurrent, "the PostgreSQL store was called from its own executor")
    let handover = ConnectionHandover()
    let lease = Task(executorPreference: executor) { [client] in
      do {
        try await client.withConnection { connection in
          guard handover.offer(connection) else { return }
          await handover.waitUntilReturned()
        }
      } catch {
        handover.fail(error)
      }
    }
    let leased: PostgresConnection?
    do {
      leased = try handover.take(within: connectionWait)
    } catch {
      throw RegistryUnavailable(registry: location.description, cause: PostgresFailure.describe(error))
    }
    guard let leased else {
      lease.cancel()
      throw RegistryUnavailable(
        registry: location.description,
        cause:
          "no connection within \(Int(connectionWait)) s: the server does not answer, or every connection is in use"
      )
    }
    defer { handover.giveBack() }
    do {
      return try body(
        PostgresStoreConnection(
          leased, inTransaction: inTransaction, statements: statements, waited: timeout, logger: logger))
    } catch var unavailable as RegistryUnavailable where unavailable.registry.isEmpty {
      unavailable.registry = location.description
      throw unavailable
    }
  }

  private static func connectionConfiguration(_ location: PostgresLocation) -> PostgresConnection.Configuration {
    switch location.endpoint {
    case .host(let host):
      PostgresConnection.Configuration(
        host: host, port: location.port, username: location.user, password: location.password,
        database: location.database, tls: .disable)
    case .socketDirectory:
      PostgresConnection.Configuration(
        unixSocketPath: location.socketPath!, username: location.user, password: location.password,
        database: location.database)
    }
  }

  private static func clientConfiguration(_ location: PostgresLocation) -> PostgresClient.Configuration {
    switch location.endpoint {
    case .host(let host):
      PostgresClient.Configuration(
        host: host, port: location.port, username: location.user, password: location.password,
        database: location.database, tls: .disable)
    case .socketDirectory:
      PostgresClient.Configuration(
        unixSocketPath: location.socketPath!, username: location.user, password: location.password,
        database: location.database)
    }
  }
}
