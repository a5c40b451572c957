import DigitalPost
import Foundation

/// The letterhead of a Citizen Service Centre: who the letters come from.
public struct Centre: Hashable, Sendable, Codable {
  /// The centre's name as letters print it, e.g. `Borgerservice København`.
  public var name: String
  /// The municipality's name, e.g. `Københavns Kommune`.
  public var municipality: String
  /// The street and number of the centre's address, e.g. `Rådhuspladsen 1`.
  public var street: String
  /// The four-digit postcode.
  public var postcode: String
  /// The postal district after the postcode, e.g. `København V`.
  public var city: String
  /// The telephone number letters give, as printed, e.g. `33 66 33 66`.
  public var phone: String
  /// Clerk ids and the names that sign letters. In a ``CentreDirectory`` this also holds the
  /// names other centres list (see there); an id listed nowhere has no name to sign with.
  public var clerks: [String: String]

  /// Makes a letterhead; without `clerks`, letters are signed by the centre alone.
  public init(
    name: String, municipality: String, street: String, postcode: String, city: String, phone: String,
    clerks: [String: String] = [:]
  ) {
    self.name = name
    self.municipality = municipality
    self.street = street
    self.postcode = postcode
    self.city = city
    self.phone = phone
    self.clerks = clerks
  }

  /// The name that signs for `clerk`, or nil when no centre lists one: the letter is then
  /// signed by the centre alone, never with the bare id (often initials such as `mh`).
  public func signature(of clerk: String) -> String? { clerks[clerk] }
}
