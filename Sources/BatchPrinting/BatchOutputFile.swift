import DigitalPost
import Foundation

/// One output file and its digest.
struct BatchOutputFile: Sendable, Hashable {
  var name: String
  var sha256: String
}
