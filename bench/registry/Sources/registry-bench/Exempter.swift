import DigitalPost
import Foundation
import Registry

/// Exempts a fraction of the citizens aged 15 or more through `Registry.write` and
/// `startExemption`: the same audited path a clerk's decision takes, one chained audit entry
/// per exemption, all in one transaction. Which citizens is decided by a hash of the CPR
/// number, so every run exempts the same ones.
enum Exempter {
  static func run(db: String, csv: String, today: CivilDate, fraction: Double) throws {
    let registry = try Registry(path: db)
    let threshold = UInt64(fraction * Double(UInt64.max))
    var chosen: [CPRNumber] = []
    for key in readKeys(csv) {
      var mix = SplitMix64(state: UInt64(key))
      guard mix.next() < threshold else { continue }
      let cpr = cprOf(key)
      if LetterboxRules.age(of: cpr, on: today) >= LetterboxRules.letterboxAge { chosen.append(cpr) }
    }
    let actor = AuditActor(clerk: "bench", centre: "101", at: Date(timeIntervalSince1970: 1_795_000_000))
    let start = Date()
    try registry.write(actor) { tx in
      for (i, cpr) in chosen.enumerated() {
        let criteria: [ExemptionCriterion] = [ExemptionCriterion.allCases[i % 5]]
        try tx.startExemption(
          cpr, since: today.adding(days: -(i % 3000) - 1), criteria: criteria,
          forEmigration: criteria == [.emigratedOrNoFixedResidence], applicationID: nil, paperCopiesFrom: nil)
      }
    }
    let seconds = Date().timeIntervalSince(start)
    print("exempted \(chosen.count) citizens in \(String(format: "%.1f", seconds)) s (audited, one transaction)")
  }
}
