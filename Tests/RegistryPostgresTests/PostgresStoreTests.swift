import Foundation
import PostDeskTestSupport
import Registry
import Testing

@testable import RegistryPostgres

@Suite("The PostgreSQL store")
struct PostgresStoreTests {
  @Test func valuesRoundTripInTheirTypes() throws {
    try PostgresTestDatabase.withStore { store, _ in
      let bytes = Data([0, 1, 2, 255])
      try store.write { connection in
        try connection.execute(
          "CREATE TABLE t (i bigint, s smallint, r double precision, n numeric, x text, b bytea, f boolean, z text)", []
        )
        let changed = try connection.execute(
          "INSERT INTO t VALUES (?, 7, ?, 2.5, ?, ?, ?, ?)",
          [Int64(2_811_231_234), 0.25, "Åse Østergaard", bytes, true, StoreValue.null])
        #expect(changed == 1)
      }
      let row = try store.read { try $0.fetchOne("SELECT i, s, r, n, x, b, f, z, count(*) OVER () FROM t") }
      #expect(
        row?.values == [
          .integer(2_811_231_234), .integer(7), .real(0.25), .real(2.5), .text("Åse Østergaard"), .blob(bytes),
          .boolean(true), .null, .integer(1),
        ])
      let missing: String? = try store.readStatement { try $0.fetchValue("SELECT x FROM t WHERE i = ?", [1]) }
      #expect(missing == nil)
    }
  }

  @Test func placeholdersByNumberBindOneValueTwice() throws {
    try PostgresTestDatabase.withStore { store, _ in
      let row = try store.read { try $0.fetchOne("SELECT ?2::bigint + ?1::bigint, ?2::text", [1, 40]) }
      #expect(row?.values == [.integer(41), .text("40")])
    }
  }

  @Test func executeCountsTheRowsItChanged() throws {
    try PostgresTestDatabase.withStore { store, _ in
      let changed = try store.write { connection in
        try connection.execute("CREATE TABLE t (i bigint)", [])
        try connection.execute("INSERT INTO t SELECT g FROM generate_series(1, 10) g", [])
        return try connection.execute("UPDATE t SET i = i + 1 WHERE i > ?", [6])
      }
      #expect(changed == 4)
    }
  }

  @Test func forEachWalksManyRowsThroughACursor() throws {
    try PostgresTestDatabase.withStore { store, _ in
      _ = try store.write { try $0.execute("CREATE TABLE t AS SELECT g AS i FROM generate_series(1, 20000) g", []) }
      for run in [store.read, store.readStatement]
        as [((any StoreConnection) throws -> (Int, Int64)) throws -> (Int, Int64)]
      {
        let (count, sum) = try run { connection in
          var count = 0
          var sum: Int64 = 0
          try connection.forEach("SELECT i FROM t WHERE i > ? ORDER BY i", [0]) { row in
            count += 1
            sum += row[0] as Int64
          }
          return (count, sum)
        }
        #expect(count == 20000)
        #expect(sum == 20000 * 20001 / 2)
      }
    }
  }

  @Test func aThrowingWriteRollsBackAndRethrows() throws {
    struct Refused: Error, Equatable {}
    try PostgresTestDatabase.withStore { store, _ in
      _ = try store.write { try $0.execute("CREATE TABLE t (i bigint)", []) }
      #expect(throws: Refused()) {
        try store.write { connection in
          try connection.execute("INSERT INTO t VALUES (1)", [])
          throw Refused()
        }
      }
      #expect(try store.read { try $0.fetchValue("SELECT count(*) FROM t") as Int? } == 0)
    }
  }

  @Test func aRefusedStatementIsARegistryErrorWithPostgresMessage() throws {
    try PostgresTestDatabase.withStore { store, _ in
      #expect(
        throws: RegistryError(
          "PostgreSQL refused the registry's statement: relation \"nowhere\" does not exist [SQLSTATE 42P01]")
      ) {
        try store.read { try $0.fetchAll("SELECT * FROM nowhere") }
      }
      // The connection went back to the pool out of its transaction: the next read works.
      let one: Int? = try store.read { try $0.fetchValue("SELECT 1") }
      #expect(one == 1)
    }
  }

  @Test func aSecondWriterWaitsThenIsBusy() throws {
    try PostgresTestDatabase.withStore(timeout: 1) { store, url in
      let holding = DispatchSemaphore(value: 0)
      let release = DispatchSemaphore(value: 0)
      let first = Thread {
        try? store.write { _ in
          holding.signal()
          release.wait()
        }
      }
      first.start()
      holding.wait()
      defer { release.signal() }
      let other = try PostgresStore(url: url, timeout: 1)
      let started = Date()
      #expect(throws: RegistryBusy(waited: 1)) { try other.write { _ in } }
      #expect(Date().timeIntervalSince(started) >= 0.9)
      let atOnce = Date()
      #expect(throws: RegistryBusy(waited: 0)) { try other.write(waiting: false) { _ in } }
      #expect(Date().timeIntervalSince(atOnce) < 0.9)
      // Readers never wait for the writer.
      #expect(try other.read { try $0.fetchValue("SELECT 1") as Int? } == 1)
    }
  }

  @Test func twoStoresMakeTheSchemaAtOnce() throws {
    try PostgresCluster.shared().withDatabase { url in
      let results = Results()
      let threads = (0..<2).map { _ in
        Thread {
          do { results.add(.success(try PostgresStore(url: url))) } catch { results.add(.failure(error)) }
        }
      }
      for thread in threads { thread.start() }
      results.wait(for: 2)
      for result in results.all { _ = try result.get() }
      let database = try PostgresTestDatabase.name(url)
      let cluster = try PostgresCluster.shared()
      #expect(
        try cluster.psql(
          "SELECT convert_from(value, 'UTF8') FROM meta WHERE key = 'schema_version'", database: database)
          == "\(PostgresSchema.version)")
      #expect(try cluster.psql("SELECT length(value) FROM meta WHERE key = 'subject_key'", database: database) == "32")
    }
  }

  @Test func oneOpenExemptionPerCitizenAndOneOpenAccessPerPair() throws {
    try PostgresTestDatabase.withStore { store, _ in
      let exemption =
        "INSERT INTO exemption (cpr, valid_from, criteria, for_emigration, audit_id) VALUES (?, ?, '[]', ?, ?)"
      _ = try store.write { try $0.execute(exemption, [101_010_1234, "2026-01-01", false, 1]) }
      #expect(
        throws: RegistryError(
          "PostgreSQL refused the registry's statement: duplicate key value violates unique constraint "
            + "\"exemption_one_open\" (Key (cpr)=(1010101234) already exists.) [SQLSTATE 23505]")
      ) {
        _ = try store.write { try $0.execute(exemption, [101_010_1234, "2026-02-01", false, 2]) }
      }
      let access = """
        INSERT INTO access (owner, helper, valid_from, level, until, consent, audit_id)
        VALUES (?, ?, ?, 'read', '2027-01-01', 'in-person', ?)
        """
      _ = try store.write { try $0.execute(access, [1, 2, "2026-01-01", 3]) }
      #expect(throws: RegistryError.self) { _ = try store.write { try $0.execute(access, [1, 2, "2026-03-01", 4]) } }
      // A closed version beside the open one is history, not a second open access.
      let closed = """
        INSERT INTO access (owner, helper, valid_from, valid_to, level, until, consent, end_reason, audit_id)
        VALUES (1, 2, '2025-01-01', '2025-12-31', 'read', '2027-01-01', 'in-person', 'changed', 5)
        """
      _ = try store.write { try $0.execute(closed, []) }
    }
  }

  @Test func theAuditLogIsAppendOnly() throws {
    try PostgresTestDatabase.withStore { store, _ in
      _ = try store.write {
        try $0.execute(
          "INSERT INTO audit (id, at, clerk, centre, action, subject, previous_hash, hash) VALUES (1, 'now', 'ab12', '101', 'import', '-', '', 'h')",
          [])
      }
      let refusal = RegistryError(
        "PostgreSQL refused the registry's statement: the audit log is append-only [SQLSTATE 23001]")
      #expect(throws: refusal) { try store.write { try $0.execute("UPDATE audit SET clerk = 'zz99'", []) } }
      #expect(throws: refusal) { try store.write { try $0.execute("DELETE FROM audit WHERE id = 2", []) } }
      #expect(throws: refusal) { try store.write { try $0.execute("TRUNCATE audit", []) } }
      #expect(try store.read { try $0.fetchValue("SELECT clerk FROM audit") as String? } == "ab12")
    }
  }

  @Test func aServerThatIsNotThereIsOneLine() throws {
    #expect(
      throws: RegistryError(
        "cannot open the registry postgresql://desk:***@/postdesk?host=/tmp/no-such-pg: No such file or directory")
    ) {
      try PostgresStore(url: "postgresql://desk:secret@/postdesk?host=/tmp/no-such-pg")
    }
    #expect(
      throws: RegistryError("cannot open the registry postgresql://desk:***@127.0.0.1:1/postdesk: Connection refused")
    ) {
      try PostgresStore(url: "postgresql://desk:secret@127.0.0.1:1/postdesk")
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func sixteenTasksBlockingThePoolInRegistryCallsFinish() async throws {
    try await PostgresTestDatabase.withStoreAsync { store, _ in
      _ = try store.write { try $0.execute("CREATE TABLE t (task bigint, i bigint)", []) }
      try await withThrowingTaskGroup(of: Void.self) { group in
        for task in 0..<16 {
          group.addTask {
            // Synchronous registry calls on a cooperative thread, as the web desk makes them.
            for i in 0..<20 {
              _ = try store.write { try $0.execute("INSERT INTO t VALUES (?, ?)", [task, i]) }
              let count: Int? = try store.read { try $0.fetchValue("SELECT count(*) FROM t WHERE task = ?", [task]) }
              #expect(count == i + 1)
            }
          }
        }
        try await group.waitForAll()
      }
      #expect(try store.read { try $0.fetchValue("SELECT count(*) FROM t") as Int? } == 320)
    }
  }
}

/// Results gathered from threads.
private final class Results: @unchecked Sendable {
  private let condition = NSCondition()
  private var results: [Result<PostgresStore, any Error>] = []

  func add(_ result: Result<PostgresStore, any Error>) {
    condition.lock()
    results.append(result)
    condition.broadcast()
    condition.unlock()
  }

  func wait(for count: Int) {
    condition.lock()
    while results.count < count { condition.wait() }
    condition.unlock()
  }

  var all: [Result<PostgresStore, any Error>] {
    condition.lock()
    defer { condition.unlock() }
    return results
  }
}

@Suite("The PostgreSQL store when its connection is cut")
struct PostgresConnectionLossTests {
  @Test(.timeLimit(.minutes(1))) func aCutConnectionIsAnErrorAndTheNextReadWorks() throws {
    try PostgresTestDatabase.withStore { store, url in
      let database = try PostgresTestDatabase.name(url)
      let cluster = try PostgresCluster.shared()
      var cut: (any Error)?
      do {
        _ = try store.read { connection in
          try cluster.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()"
          )
          return try connection.fetchOne("SELECT 1", [])
        }
      } catch {
        cut = error
      }
      // Closed before the statement left, or ended while it ran (the server's words as the
      // cause); before the fix, the caller waited for ever.
      let unavailable = try #require(cut as? RegistryUnavailable, "\(String(describing: cut))")
      #expect(unavailable.registry == (try PostgresLocation(url: url))?.description)
      #expect(
        unavailable.cause == "the connection closed before the statement was answered"
          || unavailable.cause.contains("terminating connection due to administrator command"),
        "\(unavailable.cause)")
      // The pool opens a new connection: no restart. Every connection the pool held was ended
      // with the first, and each is found closed only when used: a read may meet one more of
      // them (RegistryUnavailable) before a new connection answers.
      var one: Int?
      for _ in 0..<8 where one == nil {
        do {
          one = try store.read { try $0.fetchValue("SELECT 1") }
        } catch is RegistryUnavailable {
          continue
        }
      }
      #expect(one == 1)
    }
  }
}
