/// The language a citizen's letters are written in.
public enum Language: String, Hashable, Sendable, Codable, CaseIterable {
  /// Danish.
  case da
  /// English.
  case en
}
