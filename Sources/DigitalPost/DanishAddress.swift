/// A Danish postal address, structured as CPR and the print shop's `ModtagerAdresse` hold it.
public struct DanishAddress: Hashable, Sendable, Codable {
  /// "c/o" name, when the letter goes in care of someone.
  public var coName: String?
  /// Street name.
  public var street: String
  /// House number with letter, e.g. `12B`.
  public var building: String
  /// Floor, e.g. `2` or `st`.
  public var floor: String?
  /// Door, e.g. `tv` or `th`.
  public var door: String?
  /// Four-digit postal code.
  public var postcode: String
  /// Postal district name.
  public var city: String

  /// Records an address.
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
