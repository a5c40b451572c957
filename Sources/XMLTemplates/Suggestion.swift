/// "Did you mean …?": the known word closest to a misspelt one, when it is close enough to be
/// a typo. The one rule for every hint the project gives: the template engine's (an attribute,
/// a filter, an included id) and the refusals' (a document kind, a criterion typed at the
/// command line), so that the same slip gets the same hint everywhere.
public enum Suggestion {
  /// The candidate nearest to `word` (case ignored) by edit distance, when at most
  /// `limit(for:)` edits away; the first of equally near ones.
  public static func closest(to word: String, among candidates: [String]) -> String? {
    let typed = Array(word.lowercased())
    guard !typed.isEmpty else { return nil }
    let limit = limit(for: typed.count)
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(typed, Array(candidate.lowercased()))
      if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
  }

  /// The edits a word of `length` characters may be from a suggestion: a third of its length,
  /// at least one and at most three. One edit makes most typos (a letter missed, doubled or
  /// wrong) and two a swap of neighbours; a third keeps a short word from matching a different
  /// short word (`cat` is one edit from `car`, not two), and the cap keeps a long word from
  /// matching a different long word that shares its shape.
  public static func limit(for length: Int) -> Int { max(1, min(3, length / 3)) }

  /// Levenshtein distance, one row at a time; the words compared are short.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
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
