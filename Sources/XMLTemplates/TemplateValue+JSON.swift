/// A strict JSON reader straight into ``TemplateValue``: no Foundation bridging, so numbers and
/// booleans never get confused, and errors carry line and column.
struct JSONReader {
  private let bytes: [UInt8]
  private var index = 0
  private let path: String
  private var depth = 0

  /// Nesting deeper than this is refused, so hostile data cannot exhaust the stack.
  private static let maximumDepth = 512

  init(bytes: [UInt8], path: String) {
    self.bytes = bytes
    self.path = path
  }

  /// Reads one JSON document.
  static func read(_ bytes: [UInt8], path: String) throws(TemplateError) -> TemplateValue {
    var reader = JSONReader(bytes: bytes, path: path)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
    let value = try reader.readValue()
    reader.skipWhitespace()
    if reader.index != bytes.count { throw reader.failure("unexpected text after the JSON value") }
    return value
  }

  private mutating func skipWhitespace() {
    while index < bytes.count,
      bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D
        || bytes[index] == 0x09
    {
      index += 1
    }
  }

  private func failure(_ message: String) -> TemplateError {
    var line = 1
    var column = 1
    for byte in bytes[..<min(index, bytes.count)] {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return TemplateError([Diagnostic(file: path, line: line, column: column, message: "invalid JSON: \(message)")])
  }

  private mutating func readValue() throws(TemplateError) -> TemplateValue {
    skipWhitespace()
    guard index < bytes.count else { throw failure("unexpected end of data") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try readObject()
    case UInt8(ascii: "["): return try readList()
    case UInt8(ascii: "\""): return .string(try readString())
    case UInt8(ascii: "t"): return try readWord("true", .bool(true))
    case UInt8(ascii: "f"): return try readWord("false", .bool(false))
    case UInt8(ascii: "n"): return try readWord("null", .null)
    default: return try readNumber()
    }
  }

  private mutating func readWord(_ word: String, _ value: TemplateValue) throws(TemplateError) -> TemplateValue {
    let expected = Array(word.utf8)
    guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
      throw failure("expected a value")
    }
    index += expected.count
    return value
  }

  private mutating func enter() throws(TemplateError) {
    depth += 1
    if depth > Self.maximumDepth { throw failure("nested deeper than \(Self.maximumDepth) levels") }
  }

  private mutating func readObject() throws(TemplateError) -> TemplateValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var members = TemplateObject()
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
      let name = try readString()
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
      index += 1
      members[name] = try readValue()
      skipWhitespace()
      guard index < bytes.count else { throw failure("unexpected end of data") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
      index += 1
      return .object(members)
    }
  }

  private mutating func readList() throws(TemplateError) -> TemplateValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var items: [TemplateValue] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .list(items)
    }
    while true {
      items.append(try readValue())
      skipWhitespace()
      guard index < bytes.count else { throw failure("unexpected end of data") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
      index += 1
      return .list(items)
    }
  }

  private mutating func readHex4() throws(TemplateError) -> UInt32 {
    guard bytes.count - index >= 4 else { throw failure("incomplete \\u escape") }
    var code: UInt32 = 0
    for _ in 0..<4 {
      guard let digit = Character(Unicode.Scalar(bytes[index])).hexDigitValue else {
        throw failure("bad \\u escape")
      }
      code = code * 16 + UInt32(digit)
      index += 1
    }
    return code
  }

  private mutating func readString() throws(TemplateError) -> String {
    index += 1
    let start = index
    // Fast path: no escapes, so the bytes are the string.
    while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
      if bytes[index] < 0x20 { throw failure("control character in a string") }
      index += 1
    }
    guard index < bytes.count else { throw failure("unterminated string") }
    var utf8 = Array(bytes[start..<index])
    while bytes[index] != UInt8(ascii: "\"") {
      index += 1  // the backslash
      guard index < bytes.count else { throw failure("unterminated string") }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
      case UInt8(ascii: "b"): utf8.append(0x08)
      case UInt8(ascii: "f"): utf8.append(0x0C)
      case UInt8(ascii: "n"): utf8.append(0x0A)
      case UInt8(ascii: "r"): utf8.append(0x0D)
      case UInt8(ascii: "t"): utf8.append(0x09)
      case UInt8(ascii: "u"):
        var code = try readHex4()
        if (0xD800..<0xDC00).contains(code), bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        {
          index += 2
          let low = try readHex4()
          guard (0xDC00..<0xE000).contains(low) else { throw failure("bad surrogate pair") }
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
        utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
      default:
        throw failure("unknown escape in a string")
      }
      while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
        if bytes[index] < 0x20 { throw failure("control character in a string") }
        utf8.append(bytes[index])
        index += 1
      }
      guard index < bytes.count else { throw failure("unterminated string") }
    }
    index += 1
    return String(decoding: utf8, as: UTF8.self)
  }

  private mutating func readNumber() throws(TemplateError) -> TemplateValue {
    let start = index
    var isWhole = true
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"): index += 1
      case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
        isWhole = false
        index += 1
      default:
        break
      }
      if index < bytes.count, !Self.isNumberByte(bytes[index]) { break }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if isWhole, let value = Int(text) { return .int(value) }
    if let value = Double(text), !text.isEmpty, text.first != "+" { return .double(value) }
    index = start
    throw failure("expected a value")
  }

  private static func isNumberByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
  }
}
