/// A person in the CPR register, as PostDesk knows them on one date (domain.md §1).
public struct Citizen: Hashable, Sendable, Codable {
  /// The citizen's CPR number.
  public var cpr: CPRNumber
  /// The name as CPR holds it.
  public var name: String
  /// Where paper letters go; `.none` for no fixed residence.
  public var address: PostalAddress
  /// The current CPR status.
  public var status: CPRStatus
  /// The language letters are written in.
  public var language: Language
  /// The municipality where the citizen is (or was last) registered.
  public var municipality: MunicipalityCode
  /// Up to two custody holders, while the citizen is under 15.
  public var custodyHolders: [CPRNumber]

  /// Records a citizen.
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

extension CPRNumber: Codable {
  /// Decodes and validates a CPR number.
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
