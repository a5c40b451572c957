import DigitalPost
import Foundation

/// One letter of the input as read, before routing: its place in the batch and its content.
struct BatchItem: Sendable {
  enum Content: Sendable {
    /// One line of a JSON Lines mailing, unparsed (workers parse in parallel).
    case jsonLine([UInt8])
    /// A MeMo message, read and checked.
    case memo(MeMoLetter)
    /// Refused while reading.
    case rejected(BatchReject)
  }
  /// The 1-based position of the letter in the batch.
  var sequence: Int
  /// `file:line` (JSON Lines) or the file (MeMo).
  var source: String
  var content: Content
}
