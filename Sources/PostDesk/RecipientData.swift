import DigitalPost
import Documents
import Foundation

// The data a document template reads: the contract in samples/documents/README.md.
// Field names here are the paths the templates use.

/// The name and address in the envelope window.
struct RecipientData: Encodable {
  var name: String
  var addressLines: [String]
  /// The letter goes abroad: the return address then ends in the sender's country.
  var abroad: Bool

  /// The citizen's name and address, or a refusal when they cannot be set in the envelope
  /// window without a wrap (`EnvelopeWindow`).
  init(_ citizen: Citizen, in language: Language) throws {
    name = citizen.name
    addressLines = EnvelopeAddress.lines(citizen.address, in: language)
    abroad = EnvelopeAddress.isAbroad(citizen.address)
    if let problem = EnvelopeWindow.problem(name: name, lines: addressLines) {
      throw DeskError.addressDoesNotFit(citizen.cpr, problem)
    }
  }
}
