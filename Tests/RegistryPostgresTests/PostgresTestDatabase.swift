import Foundation
import PostDeskTestSupport
import Registry
import RegistryPostgres

/// A store on a database of its own on the process's throwaway cluster.
enum PostgresTestDatabase {
  /// Runs `body` with a store on a new database (and its URL), dropped afterwards.
  static func withStore<T>(timeout: Double = 10, _ body: (PostgresStore, String) throws -> T) throws -> T {
    try PostgresCluster.shared().withDatabase { url in
      try body(try PostgresStore(url: url, timeout: timeout), url)
    }
  }

  /// `withStore` for an async test.
  static func withStoreAsync<T>(timeout: Double = 10, _ body: (PostgresStore, String) async throws -> T) async throws
    -> T
  {
    try await PostgresCluster.shared().withDatabaseAsync { url in
      try await body(try PostgresStore(url: url, timeout: timeout), url)
    }
  }

  /// The database name of `url`, for `PostgresCluster.psql`.
  static func name(_ url: String) throws -> String { try PostgresLocation(url: url)!.database }
}
