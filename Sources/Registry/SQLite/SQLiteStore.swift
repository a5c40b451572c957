import DigitalPost
import Foundation
import GRDB

/// The registry in one SQLite file (WAL: readers beside the one writer), through GRDB: the
/// default for one counter, a laptop and `make demo`.
public final class SQLiteStore: RegistryStore {
  /// The GRDB connection: a `DatabasePool` (WAL) for files, a `DatabaseQueue` in memory.
  let writer: any DatabaseWriter

  /// How long a write waits for another writer before `RegistryBusy`, in seconds.
  let busyTimeout: Double

  /// Opens the registry file at `path`, creating it and its schema on first use, or
  /// migrating an older one.
  ///
  /// WAL lets readers run beside the one writer; the busy timeout lets a second process
  /// wait for the first one's transaction instead of failing: `busyTimeout` seconds, after
  /// which `write` throws `RegistryBusy`.
  public init(path: String, busyTimeout: Double = 10) throws {
    self.busyTimeout = busyTimeout
    var config = Configuration()
    config.busyMode = .timeout(busyTimeout)
    config.foreignKeysEnabled = true
    // The file holds full CPR numbers and the web desk's letters: a new one is its owner's
    // only (0600), and SQLite gives its -wal and -shm files the same mode.
    if !FileManager.default.fileExists(atPath: path) {
      let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      if descriptor >= 0 { close(descriptor) }
    }
    do {
      let pool = try DatabasePool(path: path, configuration: config)
      try Registry.migrator.migrate(pool)
      self.writer = pool
    } catch let error as DatabaseError {
      throw RegistryError("cannot open the registry \(path): \(error.message ?? "\(error)")")
    }
  }

  /// A registry in memory, for tests.
  public static func inMemory() throws -> SQLiteStore {
    let queue = try DatabaseQueue()
    try Registry.migrator.migrate(queue)
    return SQLiteStore(writer: queue, busyTimeout: 0)
  }

  private init(writer: any DatabaseWriter, busyTimeout: Double) {
    self.writer = writer
    self.busyTimeout = busyTimeout
  }

  /// A read transaction on one of the pool's reader connections (WAL: never waits for a writer).
  public func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
    try writer.read { db in try body(SQLiteConnection(db)) }
  }

  /// One reader connection, with no transaction around `body`.
  public func readStatement<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
    // One statement is a snapshot of its own: a BEGIN and COMMIT around it cost as much.
    try writer.unsafeRead { db in try body(SQLiteConnection(db)) }
  }

  /// One IMMEDIATE transaction on the writer connection; SQLite's busy timeout becomes `RegistryBusy`.
  public func write<T>(waiting: Bool, _ body: (any StoreConnection) throws -> T) throws -> T {
    try busyAware {
      guard !waiting else {
        // GRDB's write is one IMMEDIATE transaction: the write lock is taken before the first
        // read, so a job that reads, checks and writes never meets a writer in between.
        return try writer.write { db in try body(SQLiteConnection(db)) }
      }
      return try writer.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA busy_timeout = 0")
        defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(busyTimeout * 1000))") }
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(SQLiteConnection(db))
          return .commit
        }
        return result!
      }
    }
  }

  /// `body`, with a writer's busy timeout reported as `RegistryBusy`: every write of the
  /// registry goes through here.
  func busyAware<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
      throw RegistryBusy(waited: busyTimeout)
    }
  }

  /// Runs `body` with SQLite's routing lookup as of `asOf`, on one read connection and cached
  /// statements: one read transaction for the whole batch, so SQLite takes its WAL read lock
  /// once instead of once per letter. The connection's settings are put back when `body`
  /// returns.
  func withRouting<T>(asOf: CivilDate, memory: LookupMemory, _ body: (SQLiteRouting) throws -> T) throws -> T {
    try writer.read { db in
      let mmapBefore = try Int.fetchOne(db, sql: "PRAGMA mmap_size") ?? 0
      let cacheBefore = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
      defer {
        try? db.execute(sql: "PRAGMA mmap_size = \(mmapBefore)")
        try? db.execute(sql: "PRAGMA cache_size = \(cacheBefore)")
      }
      if case .bounded(let megabytes) = memory {
        try db.execute(sql: "PRAGMA cache_size = -\(max(1, megabytes) * 1024)")
      }
      // The lookup reads the exemptions in force with one scan, through the cache: mapped,
      // each page fault also maps the neighbouring pages the kernel holds (fault-around,
      // 64 KB), and the exemption table's pages lie among the audit log's, so its 11 MB at
      // 5,000,000 citizens put 148 MB in the resident size.
      try db.execute(sql: "PRAGMA mmap_size = 0")
      let routing = try SQLiteRouting(db: db, asOf: asOf)
      if memory == .mapped {
        // Random look-ups over a large file: map it rather than copy page by page through
        // SQLite's small cache. Only on this read connection; the importer keeps its RSS low.
        // SQLite maps the file at the next page it reads.
        try db.execute(sql: "PRAGMA mmap_size = 2147418112")
      }
      return try body(routing)
    }
  }
}
