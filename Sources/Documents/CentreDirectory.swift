import DigitalPost
import Foundation

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
