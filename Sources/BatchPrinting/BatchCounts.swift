import DigitalPost
import Foundation

/// The counts a manifest reports; they add up to the input letters.
struct BatchCounts: Sendable, Hashable {
  var letters = 0
  var rejected = 0
  /// Letters by the channel the letter itself was routed to.
  var byOutcome: [BatchOutcome: Int] = [:]
  /// Deliveries (custody holders' copies included) by channel.
  var deliveries: [BatchChannel: Int] = [:]

  mutating func add(_ record: BatchRecord) {
    letters += 1
    if record.outcome == .rejected { rejected += 1 } else { byOutcome[record.outcome, default: 0] += 1 }
    for delivery in record.deliveries { deliveries[delivery.channel, default: 0] += 1 }
  }
}
