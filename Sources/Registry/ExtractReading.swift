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
