import DigitalPost
import Documents
import Foundation

// The data a document template reads: the contract in samples/documents/README.md.
// Field names here are the paths the templates use.

/// The sender block of every letter.
struct CentreData: Encodable {
  var name, municipality, street, postcode, city, phone: String

  init(_ centre: Centre) {
    name = centre.name
    municipality = centre.municipality
    street = centre.street
    postcode = centre.postcode
    city = centre.city
    phone = centre.phone
  }
}
