import DigitalPost
import Foundation

/// One copy of a letter as delivered: which channel, which files, and for the undeliverable why.
struct BatchDelivery: Sendable, Hashable {
  /// `""` for the letter itself, `"-1"`, `"-2"` for custody holders' copies (`"-1-1"` nested).
  var copy: String
  var channel: BatchChannel
  /// For paper the postal-code folder (`8000`, `abroad-ES`), for held the municipality.
  var group: String
  /// Output files relative to the batch folder, with their SHA-256.
  var files: [BatchOutputFile]
  /// For the undeliverable: the recipient, masked, and the reason.
  var recipient: String = ""
  var reason: String = ""
}
