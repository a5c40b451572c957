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
  /// Clerk ids and the names that sign letters; an id not listed signs as itself.
  public var clerks: [String: String]

  /// Makes a letterhead; without `clerks`, every clerk signs with their id.
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

  /// The name that signs for `clerk`.
  public func signature(of clerk: String) -> String { clerks[clerk] ?? clerk }
}

/// The centres a registry serves, by municipality code, from `centres.json` in the
/// templates folder (so that a municipality keeps its letterhead with its templates).
public struct CentreDirectory: Hashable, Sendable {
  /// The letterhead of each centre, by its municipality's code.
  public var centres: [MunicipalityCode: Centre]

  /// Makes a directory of `centres`.
  public init(centres: [MunicipalityCode: Centre]) {
    self.centres = centres
  }

  /// Reads `{"751": {"name": …, "municipality": …, …}, …}`.
  public init(file path: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let raw = try JSONDecoder().decode([String: Centre].self, from: data)
    var centres: [MunicipalityCode: Centre] = [:]
    for (key, centre) in raw {
      guard let number = Int(key), let code = MunicipalityCode(number) else {
        throw DeskError.badCentresFile(path, key: key)
      }
      centres[code] = centre
    }
    self.centres = centres
  }

  /// The centre of `code`, or an error that says where to add it.
  public func centre(_ code: MunicipalityCode) throws -> Centre {
    guard let centre = centres[code] else { throw DeskError.unknownCentre(code) }
    return centre
  }
}
