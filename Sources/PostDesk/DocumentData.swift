import DigitalPost
import Documents
import Foundation

// The data each document template reads: the contract in samples/documents/README.md.
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

/// Who signs: the clerk's name, or nil for a letter signed by the centre alone.
struct ClerkData: Encodable {
  var name: String?
}

/// The five tick boxes, named as the criteria.
struct CriteriaTicks: Encodable {
  var impairment, noInternet, emigratedOrNoFixedResidence, languageBarriers, nemIDDifficulty: Bool

  init(_ criteria: Set<ExemptionCriterion>) {
    impairment = criteria.contains(.impairment)
    noInternet = criteria.contains(.noInternet)
    emigratedOrNoFixedResidence = criteria.contains(.emigratedOrNoFixedResidence)
    languageBarriers = criteria.contains(.languageBarriers)
    nemIDDifficulty = criteria.contains(.nemIDDifficulty)
  }
}

/// A person named in a letter about someone else; the template masks the number.
struct PartyData: Encodable {
  var name: String
  var cpr: String

  init(_ citizen: Citizen) {
    name = citizen.name
    cpr = citizen.cpr.digits
  }
}

/// Case references printed on letters: a letter and a number, never a CPR number.
enum Reference {
  static func application(_ id: Int64, on date: CivilDate) -> String {
    "FD-\(date.year)-\(pad(id))"
  }

  /// One access, the same on the owner's and the helper's letter and on later letters
  /// about it: a digest of the pair and the start, which does not reveal the numbers.
  static func access(_ owner: CPRNumber, _ helper: CPRNumber, from: CivilDate) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
    for byte in "\(owner.digits)|\(helper.digits)|\(from.iso)".utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    let hex = String(hash >> 32, radix: 16, uppercase: true)
    return "AD-\(from.year)-\(String(repeating: "0", count: 8 - hex.count))\(hex)"
  }

  /// The `number`th notice written for `date`.
  static func notice(on date: CivilDate, number: Int) -> String {
    "DP15-\(date.iso.replacingOccurrences(of: "-", with: ""))-\(pad(Int64(number), width: 2))"
  }

  static func pad(_ n: Int64, width: Int = 6) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }
}
