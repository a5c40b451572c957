import Foundation

/// A field of a CSV line (`rejects.csv`, `undeliverable.csv`).
enum CSVField {
  /// `text`, quoted when it holds a comma, quote or line break.
  static func escaped(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
