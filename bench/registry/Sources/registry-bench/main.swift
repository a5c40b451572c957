// registry-bench: the registry's scale benchmark, driven by bench/registry/run.sh.
//
//   registry-bench generate COUNT OUT.csv TODAY     synthetic CPR extract, sorted by CPR number
//   registry-bench exempt DB CSV TODAY FRACTION      exemptions through the audited write API
//   registry-bench route DB CSV TODAY COUNT RUNS [mapped|bounded|bounded:MB]
//                                                    channel decisions per second, one thread
//   registry-bench csv CSV RUNS                      the import's CSV reader beside CSV.swift
//   registry-bench rows DB CSV COUNT ROUNDS          routing rows through the C API beside GRDB's Row
//   registry-bench import DB CSV TODAY               the extract imported, as 'postdesk citizens import'
//   registry-bench verify DB                         the chain and the state, as 'postdesk audit verify'
//   registry-bench reads DB CSV TODAY COUNT RUNS     the citizen page's registry reads, per page
import DigitalPost
import Foundation
import Registry

/// A small, fast, reproducible generator (SplitMix64): the same extract on every machine.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

/// Appends bytes and writes them to a file in large chunks.
struct BufferedWriter {
  let handle: FileHandle
  var buffer: [UInt8] = []
  init(path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    handle = FileHandle(forWritingAtPath: path)!
    buffer.reserveCapacity(1 << 21)
  }
  mutating func write(_ s: String) {
    buffer.append(contentsOf: s.utf8)
    if buffer.count >= 1 << 20 { flush() }
  }
  mutating func flush() {
    handle.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("registry-bench: \(message)\n".utf8))
  exit(2)
}

func pad(_ n: Int, _ width: Int) -> String {
  let s = String(n)
  return String(repeating: "0", count: max(0, width - s.count)) + s
}

func date(_ text: String) -> CivilDate {
  guard let d = CivilDate(iso: text) else { fail("\(text) is not YYYY-MM-DD") }
  return d
}

/// The CPR numbers in the first column of a CSV extract, as integers. Read in 4 MB chunks:
/// the routing run's peak memory is the registry's and the keys', not the whole file's.
func readKeys(_ csv: String) -> [Int64] {
  guard let handle = FileHandle(forReadingAtPath: csv) else { fail("cannot read \(csv)") }
  defer { try? handle.close() }
  var keys: [Int64] = []
  var header = true
  var line: [UInt8] = []
  line.reserveCapacity(256)
  while let chunk = try? handle.read(upToCount: 1 << 22), !chunk.isEmpty {
    chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      for byte in raw {
        guard byte == 0x0A else {
          if line.count < 11 { line.append(byte) }
          continue
        }
        defer { line.removeAll(keepingCapacity: true) }
        if header {
          header = false
          continue
        }
        guard line.count == 11 else { continue }
        var key: Int64 = 0
        for j in 0..<11 where j != 6 { key = key * 10 + Int64(line[j] - 0x30) }
        keys.append(key)
      }
    }
  }
  return keys
}

func cprOf(_ key: Int64) -> CPRNumber { try! CPRNumber(parsing: pad(Int(key), 10)) }

/// `DDMMYY-SSSS` for a key, as a letter gives the number.
func cprText(_ key: Int64) -> String {
  let digits = pad(Int(key), 10)
  return "\(digits.prefix(6))-\(digits.suffix(4))"
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail("usage: registry-bench generate|exempt|route|csv|rows ...") }
switch arguments[1] {
case "generate":
  guard arguments.count == 5, let count = Int(arguments[2]) else { fail("usage: generate COUNT OUT.csv TODAY") }
  Generator.run(count: count, path: arguments[3], today: date(arguments[4]))
case "exempt":
  guard arguments.count == 6, let fraction = Double(arguments[5]) else {
    fail("usage: exempt DB CSV TODAY FRACTION")
  }
  try Exempter.run(db: arguments[2], csv: arguments[3], today: date(arguments[4]), fraction: fraction)
case "route":
  guard (7...8).contains(arguments.count), let count = Int(arguments[5]), let runs = Int(arguments[6]) else {
    fail("usage: route DB CSV TODAY COUNT RUNS [mapped|bounded|bounded:MB]")
  }
  let memory: LookupMemory
  let mode = arguments.count == 8 ? arguments[7] : "mapped"
  switch mode {
  case "mapped": memory = .mapped
  case "bounded": memory = .bounded(megabytes: 64)
  case _ where mode.hasPrefix("bounded:"):
    guard let megabytes = Int(mode.dropFirst("bounded:".count)), megabytes > 0 else {
      fail("route: bounded:MB takes a whole number of megabytes, not \(mode)")
    }
    memory = .bounded(megabytes: megabytes)
  default: fail("route: the last argument is mapped, bounded or bounded:MB, not \(mode)")
  }
  try Router.run(
    db: arguments[2], csv: arguments[3], asOf: date(arguments[4]), count: count, runs: runs, memory: memory)
case "rows":
  guard arguments.count == 6, let count = Int(arguments[4]), let rounds = Int(arguments[5]), rounds > 0 else {
    fail("usage: rows DB CSV COUNT ROUNDS")
  }
  try RowReading.run(db: arguments[2], csv: arguments[3], count: count, rounds: rounds)
case "csv":
  guard arguments.count == 4, let runs = Int(arguments[3]), runs > 0 else { fail("usage: csv CSV RUNS") }
  try CSVReading.run(csv: arguments[2], runs: runs)
case "import":
  guard arguments.count == 5 else { fail("usage: import DB CSV TODAY") }
  let start = Date()
  let summary = try Registry(path: arguments[2]).importCitizens(
    csvPath: arguments[3], effective: date(arguments[4]),
    actor: AuditActor(clerk: "bench", centre: "000", at: Date(timeIntervalSince1970: 1_795_000_000)))
  print(
    "imported \(summary.rows) rows (\(summary.created) created, \(summary.updated) updated) in "
      + String(format: "%.1f s", Date().timeIntervalSince(start)))
case "reads":
  guard arguments.count == 7, let count = Int(arguments[5]), let runs = Int(arguments[6]), runs > 0 else {
    fail("usage: reads DB CSV TODAY COUNT RUNS")
  }
  try PageReads.run(db: arguments[2], csv: arguments[3], asOf: date(arguments[4]), count: count, runs: runs)
case "verify":
  guard arguments.count == 3 else { fail("usage: verify DB") }
  let registry = try Registry(path: arguments[2])
  let start = Date()
  let chain = try registry.verifyAuditChain()
  let chained = Date()
  let problem = try registry.verifyAuditedState()
  let end = Date()
  print(
    "chain \(chain) in " + String(format: "%.2f s", chained.timeIntervalSince(start)) + "; state "
      + (problem ?? "intact") + " in " + String(format: "%.2f s", end.timeIntervalSince(chained)))
default:
  fail("unknown step \(arguments[1])")
}
