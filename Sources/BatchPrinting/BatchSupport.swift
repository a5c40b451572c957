import Crypto
import Foundation
import XMLTemplates

/// Small pure helpers of the batch printer: digests, deterministic identifiers, XML text.
enum BatchSupport {
  /// Hexadecimal of a digest, lower-case unless asked.
  static func hex<D: Sequence>(_ bytes: D, upperCase: Bool = false) -> String where D.Element == UInt8 {
    let digits = Array((upperCase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
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
    var digits = Array(hex(bytes, upperCase: true).utf8)
    for position in [20, 16, 12, 8] { digits.insert(UInt8(ascii: "-"), at: position) }
    return String(decoding: digits, as: UTF8.self)
  }

  /// Appends `bytes` in base64 (RFC 4648, with padding, no line breaks) to `out`.
  static func appendBase64(_ bytes: [UInt8], to out: inout [UInt8]) {
    let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    let table = alphabet.utf8Start
    let start = out.count
    let length = (bytes.count + 2) / 3 * 4
    out.append(contentsOf: repeatElement(UInt8(ascii: "="), count: length))
    bytes.withUnsafeBufferPointer { input in
      out.withUnsafeMutableBufferPointer { output in
        let whole = input.count / 3 * 3
        var from = 0
        var to = start
        while from < whole {
          let group = UInt32(input[from]) << 16 | UInt32(input[from + 1]) << 8 | UInt32(input[from + 2])
          output[to] = table[Int(group >> 18)]
          output[to + 1] = table[Int(group >> 12 & 63)]
          output[to + 2] = table[Int(group >> 6 & 63)]
          output[to + 3] = table[Int(group & 63)]
          from += 3
          to += 4
        }
        let rest = input.count - whole
        guard rest > 0 else { return }
        // The last one or two bytes; the padding is already there.
        let group = UInt32(input[whole]) << 16 | (rest == 2 ? UInt32(input[whole + 1]) << 8 : 0)
        output[to] = table[Int(group >> 18)]
        output[to + 1] = table[Int(group >> 12 & 63)]
        if rest == 2 { output[to + 2] = table[Int(group >> 6 & 63)] }
      }
    }
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

extension TemplateObject {
  /// An object of `members` (names given once) in name order, as
  /// `TemplateObject([String: TemplateValue])` makes one, without a dictionary on the way.
  static func nameOrdered(_ members: [(String, TemplateValue)]) -> TemplateObject {
    var object = TemplateObject(minimumCapacity: members.count)
    for (key, value) in members.sorted(by: { $0.0 < $1.0 }) { object[key] = value }
    return object
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
