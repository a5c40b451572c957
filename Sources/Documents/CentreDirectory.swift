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

/// The centres a registry serves, by municipality code, from `centres.json` in the
/// templates folder (so that a municipality keeps its letterhead with its templates).
public struct CentreDirectory: Hashable, Sendable {
  /// The letterhead of each centre, by its municipality's code.
  public var centres: [MunicipalityCode: Centre]

  /// Makes a directory of `centres`, each knowing the names of every centre's clerks.
  public init(centres: [MunicipalityCode: Centre]) {
    self.centres = Self.sharingClerks(centres)
  }

  /// The centres, each with the clerk names the others list added to its own: a clerk whose
  /// act is recorded at a centre other than their own (on the command line, a decision without
  /// `--centre` is the deciding municipality's) signs with the name their own centre gave them. A centre's own entry wins,
  /// then the lowest municipality code's, so the name does not depend on the file's order.
  private static func sharingClerks(_ centres: [MunicipalityCode: Centre]) -> [MunicipalityCode: Centre] {
    var everyone: [String: String] = [:]
    for code in centres.keys.sorted() {
      for (id, name) in centres[code]!.clerks where everyone[id] == nil { everyone[id] = name }
    }
    return centres.mapValues { centre in
      var shared = centre
      shared.clerks.merge(everyone) { own, _ in own }
      return shared
    }
  }
}
