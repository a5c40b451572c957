/// The escaping emitters: the only way text reaches the output.
enum Escaping {
  /// The bytes element content escapes, as bits of a mask over 0–63 (all of them are ASCII
  /// below 64): `&`, `<`, `>`, and a carriage return, as a reference so XML parsers keep it.
  @inline(__always) static var textMask: UInt64 {
    1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x0D
  }

  /// The bytes a double-quoted attribute value escapes: those of text, `"`, and tabs and line
  /// breaks, so that XML parsers do not normalize them to spaces.
  @inline(__always) static var attributeMask: UInt64 {
    textMask | 1 << 0x22 | 1 << 0x0A | 1 << 0x09
  }

  /// Appends text escaped for element content.
  @inline(__always)
  static func appendText(_ text: String, to out: inout OutputBuffer) {
    append(text, to: &out, mask: textMask)
  }

  /// Appends text escaped for a double-quoted attribute value.
  @inline(__always)
  static func appendAttribute(_ text: String, to out: inout OutputBuffer) {
    append(text, to: &out, mask: attributeMask)
  }

  /// Escapes static template text at compile time with the same rules.
  static func escaped(_ text: String, attribute: Bool) -> [UInt8] {
    var out = OutputBuffer(capacity: text.utf8.count + 16)
    defer { out.deallocate() }
    append(text, to: &out, mask: attribute ? attributeMask : textMask)
    return out.makeArray()
  }

  @inline(__always)
  static func needsEscaping(_ byte: UInt8, mask: UInt64) -> Bool {
    byte < 64 && (mask >> UInt64(byte)) & 1 != 0
  }

  @inline(__always)
  private static func append(_ text: String, to out: inout OutputBuffer, mask: UInt64) {
    if let done = text.utf8.withContiguousStorageIfAvailable({ append($0, to: &out, mask: mask) }) {
      return done
    }
    Array(text.utf8).withUnsafeBufferPointer { append($0, to: &out, mask: mask) }
  }

  /// Appends bytes escaped by `mask`. Most values need no escaping at all: one scan, one copy.
  @inline(__always)
  static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer, mask: UInt64) {
    for byte in bytes where needsEscaping(byte, mask: mask) {
      appendEscaped(bytes, to: &out, mask: mask)
      return
    }
    out.append(bytes)
  }

  private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer, mask: UInt64) {
    var runStart = 0
    for index in 0..<bytes.count where needsEscaping(bytes[index], mask: mask) {
      if runStart < index { out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
      out.append(reference(for: bytes[index]))
      runStart = index + 1
    }
    if runStart < bytes.count { out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
  }

  /// The reference written for a byte that `needsEscaping`.
  @inline(__always)
  static func reference(for byte: UInt8) -> StaticString {
    switch byte {
    case UInt8(ascii: "&"): return "&amp;"
    case UInt8(ascii: "<"): return "&lt;"
    case UInt8(ascii: ">"): return "&gt;"
    case UInt8(ascii: "\r"): return "&#13;"
    case UInt8(ascii: "\""): return "&quot;"
    case UInt8(ascii: "\n"): return "&#10;"
    default: return "&#9;"
    }
  }
}
