/// Where paper letters to a citizen go: a Danish address, a foreign one, or none
/// ("uden fast bopæl").
public enum PostalAddress: Hashable, Sendable, Codable {
  case danish(DanishAddress)
  case foreign(ForeignAddress)
  case none
}

/// A Danish postal address, structured as CPR and the print shop's `ModtagerAdresse` hold it.
public struct DanishAddress: Hashable, Sendable, Codable {
  /// "c/o" name, when the letter goes in care of someone.
  public var coName: String?
  public var street: String
  /// House number with letter, e.g. `12B`.
  public var building: String
  public var floor: String?
  public var door: String?
  /// Four-digit postal code.
  public var postcode: String
  public var city: String

  public init(
    coName: String? = nil, street: String, building: String, floor: String? = nil,
    door: String? = nil, postcode: String, city: String
  ) {
    self.coName = coName
    self.street = street
    self.building = building
    self.floor = floor
    self.door = door
    self.postcode = postcode
    self.city = city
  }
}

/// An address abroad: free address lines and an ISO 3166 alpha-2 country code.
public struct ForeignAddress: Hashable, Sendable, Codable {
  public var lines: [String]
  public var countryCode: String

  public init(lines: [String], countryCode: String) {
    self.lines = lines
    self.countryCode = countryCode
  }
}
