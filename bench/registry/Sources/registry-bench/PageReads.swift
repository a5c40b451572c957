import DigitalPost
import Foundation
import Registry

/// The registry's part of the web desk's citizen page, on its own: for each of `count` random
/// citizens of the extract, the reads `LookUpCitizen` makes (the version and exemption state,
/// the exemption when one is in force, the accesses given and held, and each other person's
/// name) and the work queue the layout counts; `runs` rounds, the median per page.
enum PageReads {
  static func run(db: String, csv: String, asOf: CivilDate, count: Int, runs: Int) throws {
    let registry = try Registry(path: db)
    let keys = readKeys(csv)
    var random = SplitMix64(state: 42)
    let sample = (0..<count).map { _ in CPRNumber(storedValue: keys[Int(random.next() % UInt64(keys.count))])! }
    var seconds: [Double] = []
    var found = 0
    for _ in 0..<runs {
      let start = ContinuousClock.now
      found = 0
      for cpr in sample {
        found += try registry.undecidedApplications(asOf: asOf).count
        found += try registry.withCitizenReads(asOf: asOf) { reads in
          guard let state = try reads.recipientState(cpr) else { return 0 }
          var n = 1
          if state.isExempt, try reads.exemption(cpr) != nil { n += 1 }
          for access in try reads.accesses(owner: cpr) where try reads.recipientState(access.helper) != nil { n += 1 }
          for access in try reads.accesses(helper: cpr) where try reads.recipientState(access.owner) != nil { n += 1 }
          return n
        }
      }
      seconds.append((ContinuousClock.now - start) / .seconds(1))
    }
    let median = seconds.sorted()[seconds.count / 2]
    print(
      "page reads: median \(String(format: "%.2f", median * 1_000_000 / Double(count))) µs a page over \(runs) runs "
        + "of \(count) (\(found) rows found a run)")
  }
}
