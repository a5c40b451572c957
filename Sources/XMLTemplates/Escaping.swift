/// The escaping emitters: the only way text reaches the output buffer.
enum Escaping {
  /// Appends text escaped for element content (`&`, `<`, `>`; a carriage return as a
  /// reference so XML parsers keep it).
  static func appendText(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { append($0, to: &out, attribute: false) }
  }

  /// Appends text escaped for a double-quoted attribute value; tabs and line breaks become
  /// references so that XML parsers do not normalize them to spaces.
  static func appendAttribute(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { append($0, to: &out, attribute: true) }
  }

  /// Escapes static template text at compile time with the same rules.
  static func escaped(_ text: String, attribute: Bool) -> [UInt8] {
    var out: [UInt8] = []
    if attribute { appendAttribute(text, to: &out) } else { appendText(text, to: &out) }
    return out
  }

  private static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], attribute: Bool) {
    var runStart = 0
    for index in 0..<bytes.count {
      let replacement: StaticString
      switch bytes[index] {
      case UInt8(ascii: "&"): replacement = "&amp;"
      case UInt8(ascii: "<"): replacement = "&lt;"
      case UInt8(ascii: ">"): replacement = "&gt;"
      case UInt8(ascii: "\r"): replacement = "&#13;"
      case UInt8(ascii: "\""):
        guard attribute else { continue }
        replacement = "&quot;"
      case UInt8(ascii: "\n"):
        guard attribute else { continue }
        replacement = "&#10;"
      case UInt8(ascii: "\t"):
        guard attribute else { continue }
        replacement = "&#9;"
      default:
        continue
      }
      if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
      replacement.withUTF8Buffer { out.append(contentsOf: $0) }
      runStart = index + 1
    }
    if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
  }
}
