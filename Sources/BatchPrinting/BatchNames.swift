import Crypto
import DigitalPost
import Foundation
import Registry
import XMLTemplates

/// A small set of names numbered in order of first appearance (postal-code groups, copies).
struct BatchNames {
  private var names: [String] = []
  private var numbers: [String: Int] = [:]

  /// The number of `name`, given one on first sight.
  mutating func index(_ name: String) -> Int {
    if let number = numbers[name] { return number }
    numbers[name] = names.count
    names.append(name)
    return names.count - 1
  }

  /// The names in order.
  var sorted: [String] { names.sorted() }

  /// For each number, the name's place in `sorted`.
  func ranks() -> [Int] {
    var rank = [Int](repeating: 0, count: names.count)
    for (position, index) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() {
      rank[index] = position
    }
    return rank
  }
}
