/// "Did you mean ...?" for words typed on the command line: the closest known word, when
/// it is close enough to be a typo.
public enum Suggestion {
  /// The candidate nearest to `word` by edit distance, if at most a third of its length
  /// (and at least one edit) away.
  public static func closest(to word: String, among candidates: [String]) -> String? {
    let typed = Array(word.lowercased())
    guard !typed.isEmpty else { return nil }
    let limit = max(1, typed.count / 3)
    let scored = candidates.map { ($0, distance(typed, Array($0))) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
    return best.0
  }

  /// Levenshtein distance, one row at a time.
  private static func distance(_ a: [Character], _ b: [Character]) -> Int {
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}
