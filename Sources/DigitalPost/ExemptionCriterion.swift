/// The five exemption criteria of Digitaliseringsstyrelsen's guidance (domain.md §4).
///
/// The raw value is the short word the command line and files use.
public enum ExemptionCriterion: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
  case impairment = "impairment"
  case noInternet = "no-internet"
  case emigratedOrNoFixedResidence = "emigrated"
  case languageBarriers = "language"
  case nemIDDifficulty = "nemid"

  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
