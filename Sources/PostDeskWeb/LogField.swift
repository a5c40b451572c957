import Foundation
import Logging

/// Values from a request made safe for a log line: a line feed or other control character
/// typed into a form must not start a forged line or hide the rest of one.
enum LogField {
  /// `text` with every control character written as `\u{…}` (and `\` as `\\`).
  static func escaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if scalar == "\\" {
        out += "\\\\"
      } else if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
        || scalar == "\u{2028}" || scalar == "\u{2029}"
      {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `text` escaped, as a metadata value.
  static func value(_ text: String) -> Logger.MetadataValue { .string(escaped(text)) }

  /// `text` with every run of ten digits that could be a CPR number (`DDMMYYSSSS`, with or
  /// without the hyphen) masked as `DDMMYY-XXXX`: an error's message may quote one.
  static func maskingCPR(_ text: String) -> String {
    text.replacingOccurrences(
      of: "(?<![0-9])([0-9]{6})-?[0-9]{4}(?![0-9])", with: "$1-XXXX", options: .regularExpression)
  }
}
