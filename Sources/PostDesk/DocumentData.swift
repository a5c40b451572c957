import DigitalPost

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

  init(_ citizen: Citizen, in language: Language) {
    name = citizen.name
    addressLines = EnvelopeAddress.lines(citizen.address, in: language)
  }
}

/// Who signs.
struct ClerkData: Encodable {
  var name: String
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

  static func pad(_ n: Int64) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, 6 - s.count)) + s
  }
}
