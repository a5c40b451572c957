import GRDB

// The registry's hand-written hot paths on their own, for `registry-bench` to set beside the
// libraries they stand in for; not part of the API (`@_spi(Benchmarks)`).

/// The CPR extract's reader alone, for the registry benchmark (`registry-bench csv`, beside a
/// CSV library on the same file): lines and fields read and checked as an import reads them,
/// the file hashed as it goes, nothing written.
@_spi(Benchmarks)
public enum ExtractReading {
  /// Reads every line of the CSV file at `path` into its fields, checked as the import checks
  /// them; returns the lines read and the fields they held.
  public static func fields(path: String) throws -> (lines: Int, fields: Int) {
    var reader = try CSVLines(path: path)
    var lines = 0
    var fields = 0
    while let line = try reader.nextLine() {
      fields += try CSVLines.fields(line).get().count
      lines += 1
    }
    _ = reader.sha256
    return (lines, fields)
  }
}

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
    try registry.writer.read { db in
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
