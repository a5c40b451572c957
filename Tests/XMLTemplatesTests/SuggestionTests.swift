import Testing

@testable import XMLTemplates

/// The one "did you mean" rule, for the engine's hints and the refusals' alike.
@Suite("Suggestion")
struct SuggestionTests {
  @Test(
    "a third of the word's length, at least one edit and at most three",
    arguments: [(1, 1), (2, 1), (3, 1), (5, 1), (6, 2), (8, 2), (9, 3), (12, 3), (21, 3)])
  func limit(length: Int, edits: Int) {
    #expect(Suggestion.limit(for: length) == edits)
  }

  /// (typed, candidates, suggestion)
  static let cases: [(String, [String], String?)] = [
    ("pasport", ["passport", "bank-id"], "passport"),
    ("Helth-Card", ["health-card", "birth-certificate"], "health-card"),
    ("langauge", ["impairment", "language"], "language"),
    ("cp", ["date", "upper", "cpr"], "cpr"),
    ("iff", ["text", "if", "unless"], "if"),
    // Two edits on a word of five: too far to be a typo.
    ("tekst", ["text"], nil),
    // Four edits on a word of 21: past the cap of three (a third would allow seven).
    ("residence-certifxxxxe", ["residence-certificate"], nil),
    ("sundhedskort", ["health-card", "residence-certificate"], nil),
    ("", ["if"], nil),
    // The first of two equally near.
    ("tex", ["hex", "text"], "hex"),
  ]

  @Test("the nearest known word, case ignored, when close enough", arguments: cases)
  func closest(typed: String, candidates: [String], expected: String?) {
    #expect(Suggestion.closest(to: typed, among: candidates) == expected)
  }
}
