import GRDB

// The registry's hand-written hot paths on their own, for `registry-bench` to set beside the
// libraries they stand in for; not part of the API (`@_spi(Benchmarks)`).

/// The routing row's read alone, for the registry benchmark (`registry-bench rows`): the held
/// statement read through the SQLite C API as the routing lookup reads it, beside the same
/// statement read through GRDB's `Row`.
@_spi(Benchmarks)
public enum RouteRowReading {
  /// Reads the routing row of every key (a CPR number as stored) both ways, in one read
  /// transaction, `rounds` times alternating; returns the seconds of each round, each way.
  public static func compare(_ registry: Registry, keys: [Int64], rounds: Int) throws -> (
    raw: [Double], grdb: [Double]
  ) {
    try registry.sqlite("reading routing rows").writer.read { db in
      let statement = try db.makeStatement(sql: CitizenRoute.factsSQL)
      let raw = RawStatement(statement, db)
      var rawSeconds: [Double] = []
      var grdbSeconds: [Double] = []
      var (rawSum, grdbSum): (Int64, Int64) = (0, 0)
      for _ in 0..<rounds {
        var start = ContinuousClock.now
        for key in keys {
          raw.reset()
          raw.bind(1, key)
          guard try raw.step() else { continue }
          for column in Int32(0)...5 { rawSum &+= raw.int64(column) ?? 0 }
        }
        rawSeconds.append((ContinuousClock.now - start) / .seconds(1))
        start = ContinuousClock.now
        for key in keys {
          guard let row = try Row.fetchOne(statement, arguments: [key]) else { continue }
          for column in 0...5 { grdbSum &+= (row[column] as Int64?) ?? 0 }
        }
        grdbSeconds.append((ContinuousClock.now - start) / .seconds(1))
      }
      precondition(rawSum == grdbSum, "the two reads disagree")
      return (rawSeconds, grdbSeconds)
    }
  }
}
