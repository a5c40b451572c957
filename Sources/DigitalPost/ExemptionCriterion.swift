/// The five exemption criteria of Digitaliseringsstyrelsen's guidance (domain.md §4).
///
/// The raw value is the short word the command line and files use.
public enum ExemptionCriterion: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
  /// 1. A cognitive or physical impairment that makes Digital Post difficult to use.
  case impairment = "impairment"
  /// 2. No computer, tablet or smartphone with internet at home (or broadband under 512 kbit/s).
  case noInternet = "no-internet"
  /// 3. Registered in CPR as emigrated, or with no fixed residence.
  case emigratedOrNoFixedResidence = "emigrated"
  /// 4. Language barriers.
  case languageBarriers = "language"
  /// 5. Practical difficulty obtaining NemID/MitID.
  case nemIDDifficulty = "nemid"

  /// Orders criteria as the form lists them.
  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// Parses the command-line word (`impairment`, `no-internet`, `emigrated`, `language`,
  /// `nemid`), or the criterion's number on the form, 1 to 5.
  public init(parsing text: String) throws(DomainError) {
    let word = text.trimmingCharactersInWhitespace().lowercased()
    if let criterion = ExemptionCriterion(rawValue: word) {
      self = criterion
    } else if let number = Int(word), (1...5).contains(number) {
      self = ExemptionCriterion.allCases[number - 1]
    } else {
      throw DomainError.unknownCriterion(text)
    }
  }
}
