import DigitalPost
import Documents
import Foundation

// The data a document template reads: the contract in samples/documents/README.md.
// Field names here are the paths the templates use.

/// Who signs: the clerk's name, or nil for a letter signed by the centre alone.
struct ClerkData: Encodable {
  var name: String?
}
