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
    append(text, to: &out, mask: attribute ? attributeMask : textMask)
    return out.makeArray()
  }

  @inline(__always)
  static func needsEscaping(_ byte: UInt8, mask: UInt64) -> Bool {
    byte < 64 && (mask >> UInt64(byte)) & 1 != 0
  }

  /// Whether `byte` may begin a character that XML 1.0 does not allow (`Char`): a C0 control
  /// other than tab, line feed and carriage return, or 0xEF, the first byte of U+FFFE and U+FFFF.
  /// Such a character is never written: the buffer records it, and the render reports it.
  @inline(__always)
  static func mayBeForbidden(_ byte: UInt8) -> Bool {
    (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0xEF
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
    if isClean(bytes, mask: mask) {
      out.append(bytes)
    } else {
      appendEscaped(bytes, to: &out, mask: mask)
    }
  }

  /// Whether no byte needs escaping, looked at eight bytes at a time.
  @inline(__always)
  static func isClean(_ bytes: UnsafeBufferPointer<UInt8>, mask: UInt64) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    let attribute = mask != textMask
    var offset = 0
    while offset + 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      // Every byte below 0x20 (a line break, a tab, or a control XML forbids) takes the slow path.
      var found = has(0x26, in: word) | has(0x3C, in: word) | has(0x3E, in: word) | below(0x20, in: word)
      found |= has(0xEF, in: word)
      if attribute { found |= has(0x22, in: word) }
      if found != 0 { return false }
      offset += 8
    }
    while offset < bytes.count {
      if needsEscaping(base[offset], mask: mask) || mayBeForbidden(base[offset]) { return false }
      offset += 1
    }
    return true
  }

  /// Non-zero when some byte of `word` is below `limit` (at most 0x80); like `has`, it can
  /// only err by flagging more bytes, never by missing one.
  @inline(__always)
  private static func below(_ limit: UInt8, in word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    return (word &- ones &* UInt64(limit)) & ~word & 0x8080_8080_8080_8080
  }

  /// Non-zero when some byte of `word` is `byte` (the classic zero-byte test on `word ^ byte…`;
  /// it can only err by flagging more bytes above a real match, never by missing one).
  @inline(__always)
  private static func has(_ byte: UInt8, in word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let matches = word ^ (ones &* UInt64(byte))
    return (matches &- ones) & ~matches & 0x8080_8080_8080_8080
  }

  private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer, mask: UInt64) {
    var runStart = 0
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if needsEscaping(byte, mask: mask) {
        if runStart < index { out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
        out.append(reference(for: byte))
        runStart = index + 1
      } else if mayBeForbidden(byte) {
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF; any other 0xEF starts an allowed character.
        let length =
          byte != 0xEF ? 1 : (index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE ? 3 : 0)
        if length > 0 {
          if runStart < index { out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
          out.noteForbidden(length == 1 ? UInt32(byte) : 0xFFF0 | UInt32(bytes[index + 2] & 0x0F))
          index += length
          runStart = index
          continue
        }
      }
      index += 1
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
