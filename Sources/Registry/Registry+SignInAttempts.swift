import Foundation
import GRDB

extension DatabaseMigrator {
  /// The web desk's counts of failed sign-ins (issue 21): in the registry, so that guesses
  /// spread over several desks meet one throttle. A table of its own, not audited: a count of
  /// failures is the throttle's working state, forgotten within minutes, and each failure is
  /// already logged by the desk that saw it.
  mutating func registerSignInAttemptMigrations() {
    registerMigration("sign-in-attempts-v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE sign_in_attempt (
            key            TEXT PRIMARY KEY,  -- clerk:<32 hex digits of a SHA-256> | address:<client address>
            failures       INTEGER NOT NULL,
            last_failure   REAL NOT NULL,     -- seconds since 1970
            blocked_until  REAL NOT NULL,
            blocked_before REAL NOT NULL
          ) WITHOUT ROWID;
          CREATE INDEX sign_in_attempt_last_failure ON sign_in_attempt (last_failure);
          """)
    }
  }
}

extension Registry {
  /// Runs `body` on the records of `keys` (a key with none is absent from the dictionary) in
  /// one write transaction, and keeps what it leaves under those keys (a key it removes is
  /// deleted): so that concurrent attempts on any desks are counted one after the other.
  ///
  /// First, every record whose last failure is before `forgettingBefore` is forgotten. When the
  /// records `body` adds would take the table past `capacity`, the oldest of the others go, down
  /// to nine tenths of it (so that a full table is pruned once per many attempts, not each).
  public func updateSignInAttempts<T>(
    _ keys: [String], forgettingBefore: Date? = nil, capacity: Int = .max,
    _ body: (inout [String: SignInAttempt]) throws -> T
  ) throws -> T {
    try store.write { connection in
      if let forgettingBefore {
        try connection.execute(
          "DELETE FROM sign_in_attempt WHERE last_failure < ?", [forgettingBefore.timeIntervalSince1970])
      }
      var records: [String: SignInAttempt] = [:]
      for key in keys {
        let row = try connection.fetchOne(
          "SELECT failures, last_failure, blocked_until, blocked_before FROM sign_in_attempt WHERE key = ?", [key])
        if let row { records[key] = Self.signInAttempt(row) }
      }
      let before = records
      let result = try body(&records)
      let added = keys.filter { before[$0] == nil && records[$0] != nil }.count
      if added > 0, capacity < .max {
        let count: Int = try connection.fetchValue("SELECT count(*) FROM sign_in_attempt") ?? 0
        if count + added > capacity {
          let keep = max(0, capacity * 9 / 10 - added)
          try connection.execute(
            "DELETE FROM sign_in_attempt WHERE key IN (SELECT key FROM sign_in_attempt ORDER BY last_failure LIMIT ?)",
            [count - keep])
        }
      }
      for key in keys {
        if let record = records[key] {
          try connection.execute(
            """
            INSERT INTO sign_in_attempt (key, failures, last_failure, blocked_until, blocked_before)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure,
              blocked_until = excluded.blocked_until, blocked_before = excluded.blocked_before
            """,
            [
              key, record.failures, record.lastFailure.timeIntervalSince1970, record.blockedUntil.timeIntervalSince1970,
              record.blockedBefore.timeIntervalSince1970,
            ])
        } else if before[key] != nil {
          try connection.execute("DELETE FROM sign_in_attempt WHERE key = ?", [key])
        }
      }
      return result
    }
  }

  /// Every record of failed sign-ins by its key: for the tests, and an operator's question.
  public func signInAttempts() throws -> [String: SignInAttempt] {
    try store.read { connection in
      var all: [String: SignInAttempt] = [:]
      try connection.forEach(
        "SELECT failures, last_failure, blocked_until, blocked_before, key FROM sign_in_attempt", []
      ) { row in all[row[4]] = Self.signInAttempt(row) }
      return all
    }
  }

  /// Forgets every record whose last failure is before `limit`; returns how many.
  @discardableResult
  public func forgetSignInAttempts(before limit: Date) throws -> Int {
    try store.write {
      try $0.execute("DELETE FROM sign_in_attempt WHERE last_failure < ?", [limit.timeIntervalSince1970])
    }
  }

  private static func signInAttempt(_ row: StoreRow) -> SignInAttempt {
    SignInAttempt(
      failures: row[0], lastFailure: Date(timeIntervalSince1970: row[1]),
      blockedUntil: Date(timeIntervalSince1970: row[2]), blockedBefore: Date(timeIntervalSince1970: row[3]))
  }
}
