import DigitalPost
import Documents
import Foundation

// The data a document template reads: the contract in samples/documents/README.md.
// Field names here are the paths the templates use.

/// A person named in a letter about someone else; the template masks the number.
struct PartyData: Encodable {
  var name: String
  var cpr: String

  init(_ citizen: Citizen) {
    name = citizen.name
    cpr = citizen.cpr.digits
  }
}
