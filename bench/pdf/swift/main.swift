import Foundation
import HeadlessChromium

#if canImport(Glibc)
  import Glibc
#endif

// pdf-bench MODE [LETTERS-DIR] [--pool N] [--per-call N] [--out DIR]
//   engine   the pool prints the letters, --per-call letters per DevTools call, cut with qpdf
//   single   the pool prints one letter per call
//   ceiling  Chromium alone: the letters as one document per browser, printed once, not cut
// Prints one line: mode, letters, pages, wall seconds, CPU seconds (this process and its
// browsers' process groups, less the thread that samples memory), peak RSS and peak PSS in MB (the same processes, summed; PSS
// counts the pages Chromium's processes share once).

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
  arguments.firstIndex(of: name).flatMap { Int(arguments[$0 + 1]) } ?? fallback
}
let mode = arguments.count > 1 ? arguments[1] : "engine"
let poolSize = option("--pool", 2)
let perCall = option("--per-call", 40)
let date = Date(timeIntervalSince1970: 1_795_305_600)  // 2026-11-22

let folder = URL(fileURLWithPath: arguments.count > 2 ? arguments[2] : "bench/out/letters")
let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }.sorted()
let letters = try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
let outFolder = arguments.firstIndex(of: "--out").map { URL(fileURLWithPath: arguments[$0 + 1]) }

/// Sums CPU seconds and resident memory over this process and the process groups of `groups`.
struct Usage {
  static let tick = Double(sysconf(Int32(_SC_CLK_TCK)))
  static let page = Double(sysconf(Int32(_SC_PAGESIZE)))

  static func sample(groups: Set<Int32>, proportional: Bool = false) -> (cpu: Double, rssMB: Double, pssMB: Double) {
    var cpu = 0.0
    var rss = 0.0
    var pss = 0.0
    let me = getpid()
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
      guard let pid = Int32(entry),
        let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { continue }
      let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
      guard fields.count > 22, let group = Int32(fields[2]) else { continue }
      guard pid == me || groups.contains(group) else { continue }
      cpu += (11...14).reduce(0.0) { $0 + (Double(fields[$1]) ?? 0) } / tick
      rss += (Double(fields[21]) ?? 0) * page / 1_048_576
      // Chromium's processes share much of their memory; PSS counts each shared page once.
      if proportional, let rollup = try? String(contentsOfFile: "/proc/\(entry)/smaps_rollup", encoding: .utf8),
        let line = rollup.split(separator: "\n").first(where: { $0.hasPrefix("Pss:") }),
        let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true)[1])
      {
        pss += kilobytes / 1024
      }
    }
    return (cpu, rss, pss)
  }
}

final class PeakMemory: @unchecked Sendable {
  private let lock = NSLock()
  private var groups = Set<Int32>()
  private var peak = 0.0
  private var peakProportional = 0.0
  /// The CPU seconds of the sampling thread, which are not the engine's.
  private var ownSeconds = 0.0
  private var running = true

  func watch(_ newGroups: [Int32]) {
    lock.lock()
    groups.formUnion(newGroups)
    lock.unlock()
  }

  func start() {
    Thread.detachNewThread { [self] in
      while true {
        lock.lock()
        let current = groups
        let stop = !running
        lock.unlock()
        if stop { return }
        let usage = Usage.sample(groups: current, proportional: true)
        lock.lock()
        peak = max(peak, usage.rssMB)
        peakProportional = max(peakProportional, usage.pssMB)
        var spent = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spent)
        ownSeconds = Double(spent.tv_sec) + Double(spent.tv_nsec) / 1e9
        lock.unlock()
        usleep(250_000)
      }
    }
  }

  func finish() -> (rss: Double, pss: Double, seconds: Double) {
    lock.lock()
    defer { lock.unlock() }
    running = false
    return (peak, peakProportional, ownSeconds)
  }
}

func pageCount(_ pdf: Data) -> Int { (try? PDFPages.count(pdf)) ?? 0 }

let memory = PeakMemory()
memory.start()
let clock = ContinuousClock.now
var groups: [Int32] = []
switch mode {
case "ceiling":
  let browsers = try (0..<poolSize).map { _ in try Chromium() }
  groups = browsers.map(\.processIdentifier)
  memory.watch(groups)
  let share = (letters.count + poolSize - 1) / poolSize
  let results = (0..<poolSize).map { index -> Data in
    let part = letters[min(letters.count, index * share)..<min(letters.count, (index + 1) * share)]
    var html = ""
    for letter in part {
      let text = String(decoding: letter, as: UTF8.self)
      if html.isEmpty { html = String(text[..<text.range(of: "<body")!.lowerBound]) + "<body>" }
      let body = text[text.range(of: "<body")!.upperBound..<text.range(of: "</body>")!.lowerBound]
      html += "<div style=\"break-before: page\"" + body.drop { $0 != ">" } + "</div>"
    }
    return Data((html + "</body></html>").utf8)
  }
  let box = ResultBox(count: poolSize)
  DispatchQueue.concurrentPerform(iterations: poolSize) { index in
    box.set(index, Result { try browsers[index].printPDF(html: results[index]) })
  }
  let pdfs = try box.values()
  let usage = Usage.sample(groups: Set(groups))
  report(pdfs, usage.cpu)
  for browser in browsers { browser.stop() }
case "engine", "single":
  let pool = try ChromiumPool(size: poolSize)
  groups = [pool.processIdentifier]
  memory.watch(groups)
  let pdfs = try pool.print(
    documents: letters, options: PDFOptions(date: date, documentsPerCall: mode == "single" ? 1 : perCall))
  let usage = Usage.sample(groups: Set(groups))
  report(pdfs, usage.cpu)
  pool.close()
default:
  fatalError("unknown mode \(mode)")
}

func report(_ pdfs: [Data], _ sampled: Double) {
  let seconds =
    Double((ContinuousClock.now - clock).components.attoseconds) / 1e18
    + Double((ContinuousClock.now - clock).components.seconds)
  let pages = pdfs.map(pageCount).reduce(0, +)
  let peak = memory.finish()
  let cpu = sampled - peak.seconds
  var own = rusage()
  getrusage(RUSAGE_SELF.rawValue, &own)
  let ownCPU =
    Double(own.ru_utime.tv_sec + own.ru_stime.tv_sec) + Double(own.ru_utime.tv_usec + own.ru_stime.tv_usec) / 1e6
    - peak.seconds
  print(
    String(
      format:
        "%@ letters=%d pdfs=%d pages=%d wall=%.2fs pages/s=%.1f cpu=%.1fs cpu-ms/page=%.1f (swift %.1fs) "
        + "peak-rss=%.0fMB peak-pss=%.0fMB",
      mode, letters.count, pdfs.count, pages, seconds, Double(pages) / seconds, cpu, cpu * 1000 / Double(pages), ownCPU,
      peak.rss, peak.pss))
  if let outFolder {
    try? FileManager.default.createDirectory(at: outFolder, withIntermediateDirectories: true)
    for (index, pdf) in pdfs.enumerated() {
      try? pdf.write(to: outFolder.appendingPathComponent(String(format: "%06d.pdf", index + 1)))
    }
  }
}

final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<Data, any Error>?]
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ index: Int, _ result: Result<Data, any Error>) {
    lock.lock()
    slots[index] = result
    lock.unlock()
  }
  func values() throws -> [Data] { try slots.map { try $0!.get() } }
}
