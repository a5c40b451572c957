import Crypto
import Foundation
import XMLTemplates

/// Small pure helpers of the batch printer: digests, deterministic identifiers, XML text.
enum BatchSupport {
  /// Lower-case hexadecimal of a digest.
  static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(64)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// SHA-256 of bytes, in hexadecimal.
  static func sha256(_ bytes: some DataProtocol) -> String { hex(SHA256.hash(data: bytes)) }

  /// SHA-256 of a string's UTF-8 bytes, in hexadecimal.
  static func sha256(_ text: String) -> String { sha256(Array(text.utf8)) }

  /// A version-4-format UUID derived from `seed`: the same seed gives the same UUID, so a
  /// re-run names its messages the same way (upper-case, as the MeMo examples write them).
  static func uuid(_ seed: String) -> String {
    var bytes = Array(SHA256.hash(data: Array(seed.utf8)).prefix(16))
    bytes[6] = (bytes[6] & 0x0f) | 0x40
    bytes[8] = (bytes[8] & 0x3f) | 0x80
    let h = hex(bytes).uppercased()
    let c = Array(h)
    return "\(String(c[0..<8]))-\(String(c[8..<12]))-\(String(c[12..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
  }

  /// Text escaped for an XML text node or attribute value.
  static func xml(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 < 32 }) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\n", "\t": out.unicodeScalars.append(scalar)
      default:
        // Control characters are not allowed in XML 1.0: drop them rather than write a broken document.
        if scalar.value >= 32 { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }

  /// A field of a CSV line, quoted when it holds a comma, quote or line break.
  static func csv(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A journal field: tabs, line breaks and backslashes escaped so one record stays one line.
  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\\" || $0 == "\r" }) else { return text }
    return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
      .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
  }

  /// The text of a journal field.
  static func unfield(_ text: Substring) -> String {
    guard text.contains("\\") else { return String(text) }
    var out = ""
    var escaped = false
    for character in text {
      if escaped {
        switch character {
        case "t": out.append("\t")
        case "n": out.append("\n")
        case "r": out.append("\r")
        default: out.append(character)
        }
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        out.append(character)
      }
    }
    return out
  }
}

extension TemplateValue {
  /// The members of an object; empty for anything else.
  var batchMembers: [String: TemplateValue] {
    if case .object(let members) = self { return members.dictionary }
    return [:]
  }

  /// The string, when this is one.
  var batchString: String? {
    if case .string(let text) = self { return text }
    return nil
  }
}
