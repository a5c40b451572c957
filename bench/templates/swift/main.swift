// The Swift side of the template benchmark (bench/templates/run.sh).
//
//   templates-bench TEMPLATE RECORDS.json RUNS OUTDIR
//
// Renders every record RUNS times, single-threaded, through the public API two ways:
// `render(_:)` from Codable structs (what PostDesk does: includes turning the struct into
// template values), and `render(value:)` from value trees built once beforehand (what the
// Python peers get: dicts loaded before timing). Prints per way
// "engine<TAB>letters/s wall,...<TAB>letters/s of thread CPU time,...".
import Documents
import Foundation
import XMLTemplates

struct Address: Codable {
  var street: String
  var postcode: String
  var city: String
}

struct Recipient: Codable {
  var name: String
  var cpr: String
  var address: Address
}

struct Letter: Codable {
  var subject: String
  var municipality: String
  var letterDate: String
  var caseNumber: String
  var recipient: Recipient
  var granted: Bool
  var reasons: [String]
  var link: String
  var clerk: String?
}

let arguments = CommandLine.arguments
guard arguments.count == 5, let runs = Int(arguments[3]) else {
  FileHandle.standardError.write(Data("usage: templates-bench TEMPLATE RECORDS.json RUNS OUTDIR\n".utf8))
  exit(2)
}
let template = try Template.compile(path: arguments[1], filters: .postDesk)
let json = try Data(contentsOf: URL(fileURLWithPath: arguments[2]))
let letters = try JSONDecoder().decode([Letter].self, from: json)
guard case .list(let values) = try TemplateValue(json: [UInt8](json), path: arguments[2]) else { exit(2) }

/// CPU time of this thread: on a shared machine, wall time also counts other people's work.
func threadCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func measure(_ label: String, file: String, render: (Int) throws -> String) throws {
  var rates: [Double] = []
  var cpuRates: [Double] = []
  var outputs: [String] = []
  for _ in 0..<runs {
    outputs = []
    outputs.reserveCapacity(letters.count)
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = threadCPUSeconds()
    for index in letters.indices {
      outputs.append(try render(index))
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    cpuRates.append(Double(letters.count) / (threadCPUSeconds() - cpuStart))
    rates.append(Double(letters.count) / seconds)
  }
  let joined = outputs.joined(separator: "\n<!-- letter -->\n")
  try Data(joined.utf8).write(to: URL(fileURLWithPath: arguments[4]).appendingPathComponent(file))
  let format = { (rates: [Double]) in rates.map { String(format: "%.1f", $0) }.joined(separator: ",") }
  print(label + "\t" + format(rates) + "\t" + format(cpuRates))
}

try measure("XMLTemplates (Codable struct)", file: "swift-codable.html") { try template.render(letters[$0]) }
try measure("XMLTemplates (value tree)", file: "swift-values.html") { try template.render(value: values[$0]) }
