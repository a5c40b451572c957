import PostDeskTestSupport
import Testing

/// The registry's engine a web test runs on: the SQLite file, or a database of its own on the
/// test process's throwaway PostgreSQL cluster (issue 21's two desks that share nothing but it).
enum DeskEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case sqlite
  case postgres

  var testDescription: String { rawValue }

  /// Runs `body` with a fixture on this engine; a PostgreSQL database is dropped afterwards.
  func withFixture(_ body: (WebDeskFixture) async throws -> Void) async throws {
    switch self {
    case .sqlite: try await body(try WebDeskFixture())
    case .postgres:
      // Started (initdb, pg_ctl: seconds) on a thread of its own, not on one of the two
      // cooperative threads every web suite of this process shares.
      let cluster = try await LoopbackSocket.detached { try PostgresCluster.shared() }
      try await cluster.withDatabaseAsync { url in
        try await body(try WebDeskFixture(postgres: url))
      }
    }
  }
}
