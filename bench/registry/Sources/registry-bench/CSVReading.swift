import CSV
import Foundation
@_spi(Benchmarks) import Registry

/// The extract reader the import uses against a CSV library (yaslab/CSV.swift, which streams,
/// as a five-million-row extract needs) on the same file, alternating, each to the fields of
/// every line as strings. The import's reader also checks every field (UTF-8, control
/// characters, length) and hashes the file as it goes; the library does neither. Prints one
/// line per run and the medians.
enum CSVReading {
  static func run(csv path: String, runs: Int) throws {
    var ours: [Double] = []
    var library: [Double] = []
    for run in 1...runs {
      var start = Date()
      let read = try ExtractReading.fields(path: path)
      ours.append(Date().timeIntervalSince(start))
      start = Date()
      guard let stream = InputStream(fileAtPath: path) else { fail("cannot read \(path)") }
      let reader = try CSVReader(stream: stream)
      var lines = 0
      var fields = 0
      while let row = reader.next() {
        fields += row.count
        lines += 1
      }
      library.append(Date().timeIntervalSince(start))
      guard lines == read.lines, fields == read.fields else {
        fail("the readers disagree: \(read.lines) lines, \(read.fields) fields against \(lines), \(fields)")
      }
      print(
        "csv run \(run): \(lines) lines, \(fields) fields: postdesk \(seconds(ours.last!)), "
          + "CSV.swift \(seconds(library.last!))")
    }
    let (a, b) = (median(ours), median(library))
    print(
      "csv median of \(runs): postdesk \(seconds(a)), CSV.swift \(seconds(b)), "
        + "CSV.swift / postdesk \(String(format: "%.2f", b / a))")
  }

  private static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
  private static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
}

/// The routing lookup's read of a citizen's routing row through the SQLite C API, beside the
/// same held statement read through GRDB's `Row`, for random citizens, alternating.
enum RowReading {
  static func run(db: String, csv: String, count: Int, rounds: Int) throws {
    let registry = try Registry(path: db)
    let keys = readKeys(csv)
    var rng = SplitMix64(state: 7)
    let sample = (0..<count).map { _ in keys[Int(rng.next() % UInt64(keys.count))] }
    let (raw, grdb) = try RouteRowReading.compare(registry, keys: sample, rounds: rounds)
    func rate(_ seconds: Double) -> Int { Int(Double(count) / seconds) }
    let (a, b) = (raw.sorted()[rounds / 2], grdb.sorted()[rounds / 2])
    print(
      "rows/s median of \(rounds) rounds of \(count): C API \(rate(a)), GRDB Row \(rate(b)), "
        + "C API / GRDB \(String(format: "%.2f", b / a)); all rounds C API \(raw.map(rate)), GRDB \(grdb.map(rate))")
  }
}
