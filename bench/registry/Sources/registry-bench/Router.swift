import DigitalPost
import Foundation
import Registry

#if canImport(Glibc)
  import Glibc
#endif

/// Channel decisions for random CPR numbers as of one date, on one thread and one read
/// connection: `DeliveryRules.route` with the registry's routing facts (`RecipientLookup.facts`),
/// custody holders included.
///
/// Each run opens its own lookup session, as a batch does, and its figures include opening
/// it (the set-up is also reported on its own). The rate is given per wall-clock second and
/// per CPU second of the process (user + system): the second is the steadier one while
/// other work shares the machine, and both count the kernel's time reading the file.
enum Router {
  static func run(db: String, csv: String, asOf: CivilDate, count: Int, runs: Int, memory: LookupMemory) throws {
    let registry = try Registry(path: db)
    let keys = readKeys(csv)
    var rng = SplitMix64(state: 42)
    var rates: [Double] = []
    var cpuRates: [Double] = []
    var setUps: [Double] = []
    var channels: [String: Int] = [:]
    for run in 0..<runs {
      // The numbers as a batch has them before routing: text read from its letters.
      let sample = (0..<count).map { _ in cprText(keys[Int(rng.next() % UInt64(keys.count))]) }
      let cpuStart = cpuSeconds()
      let start = Date()
      var opened = start
      try registry.withRecipientLookup(asOf: asOf, memory: memory) { lookup in
        opened = Date()
        for text in sample {
          let cpr = try CPRNumber(parsing: text)
          let decision = DeliveryRules.route(cpr, on: asOf) { lookup.facts($0) }
          if run == 0 { channels[decision.channel.name, default: 0] += 1 }
        }
      }
      rates.append(Double(count) / Date().timeIntervalSince(start))
      cpuRates.append(Double(count) / (cpuSeconds() - cpuStart))
      setUps.append(opened.timeIntervalSince(start))
    }
    rates.sort()
    cpuRates.sort()
    setUps.sort()
    let shares = channels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print(
      "decisions/s median \(Int(rates[rates.count / 2])) of \(runs) runs of \(count) (\(shares)); "
        + "per CPU second \(Int(cpuRates[cpuRates.count / 2])); all runs \(rates.map { Int($0) }); "
        + "opening the lookup \(String(format: "%.3f", setUps[setUps.count / 2])) s a run (included)")
  }

  /// User + system CPU seconds of this process so far.
  static func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }
}
