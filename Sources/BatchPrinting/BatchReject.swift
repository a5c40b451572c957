import DigitalPost
import Foundation

/// A letter of the input that cannot be printed, and why.
struct BatchReject: Error, Sendable, Hashable {
  /// Where: `file:line`.
  var source: String
  /// What is wrong, in words the sender can act on; never a CPR number in clear, since
  /// the reason goes into `rejects.csv`.
  var reason: String

  init(source: String, reason: String) {
    self.source = source
    self.reason = CPRNumber.maskingLookalikes(in: reason)
  }
}
