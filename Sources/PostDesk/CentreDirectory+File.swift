import DigitalPost
import Documents
import Foundation

// The directory as the desk reads it: from the templates folder's file, with the desk's errors.
extension CentreDirectory {
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
    self.init(centres: centres)
  }

  /// The centre of `code`, or an error that says where to add it.
  public func centre(_ code: MunicipalityCode) throws -> Centre {
    guard let centre = centres[code] else { throw DeskError.unknownCentre(code) }
    return centre
  }
}
