import DigitalPost
import Foundation
import Registry

/// Channel decisions for random CPR numbers as of one date, on one thread and one read
/// connection: `DeliveryRules.route` with the registry's lookup, custody holders included.
enum Router {
  static func run(db: String, csv: String, asOf: CivilDate, count: Int, runs: Int) throws {
    let registry = try Registry(path: db)
    let keys = readKeys(csv)
    var rng = SplitMix64(state: 42)
    var rates: [Double] = []
    var channels: [String: Int] = [:]
    for run in 0..<runs {
      let sample = (0..<count).map { _ in keys[Int(rng.next() % UInt64(keys.count))] }
      let start = Date()
      try registry.withRecipientLookup(asOf: asOf) { lookup in
        for key in sample {
          let cpr = cprOf(key)
          let decision = DeliveryRules.route(cpr, on: asOf) { lookup($0) }
          if run == 0 { channels[decision.channel.name, default: 0] += 1 }
        }
      }
      rates.append(Double(count) / Date().timeIntervalSince(start))
    }
    rates.sort()
    let shares = channels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print("decisions/s median \(Int(rates[rates.count / 2])) of \(runs) runs of \(count) (\(shares))")
  }
}
