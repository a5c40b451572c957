/// A person in the CPR register, as PostDesk knows them on one date (domain.md §1).
public struct Citizen: Hashable, Sendable, Codable {
  public var cpr: CPRNumber
  public var name: String
  public var address: PostalAddress
  public var status: CPRStatus
  public var language: Language
  /// The municipality where the citizen is (or was last) registered.
  public var municipality: MunicipalityCode
  /// Up to two custody holders, while the citizen is under 15.
  public var custodyHolders: [CPRNumber]

  public init(
    cpr: CPRNumber, name: String, address: PostalAddress, status: CPRStatus = .resident,
    language: Language = .da, municipality: MunicipalityCode, custodyHolders: [CPRNumber] = []
  ) {
    self.cpr = cpr
    self.name = name
    self.address = address
    self.status = status
    self.language = language
    self.municipality = municipality
    self.custodyHolders = custodyHolders
  }
}

/// The language a citizen's letters are written in.
public enum Language: String, Hashable, Sendable, Codable, CaseIterable {
  case da, en
}

/// A municipality (kommune), by its three-digit code: 101 København, 751 Aarhus.
public struct MunicipalityCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let value: Int
  public init?(_ value: Int) {
    guard (100...999).contains(value) else { return nil }
    self.value = value
  }
  public var description: String { String(value) }
  public static func < (a: MunicipalityCode, b: MunicipalityCode) -> Bool { a.value < b.value }
  public init(from decoder: Decoder) throws {
    let v = try decoder.singleValueContainer().decode(Int.self)
    guard let code = MunicipalityCode(v) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "\(v) is not a three-digit municipality code"))
    }
    self = code
  }
  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(value)
  }
}

/// A citizen's status in CPR, with the date it began (domain.md §1, §3).
public enum CPRStatus: Hashable, Sendable, Codable {
  case resident
  case emigrated(since: CivilDate)
  case noFixedResidence(since: CivilDate)
  case deceased(on: CivilDate)
}

extension CPRNumber: Codable {
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    do { try self.init(parsing: text) } catch {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
    }
  }
  /// Encodes the full number: only for storage and the person's own documents.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(digits)
  }
}
