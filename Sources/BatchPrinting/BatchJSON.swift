import XMLTemplates

/// A strict JSON reader for one line of a mailing, straight into the template's value tree.
///
/// `JSONDecoder` with a generic value type costs a thrown error per probe and was a fifth of
/// a batch's time; this reads each byte once. Nesting is limited, so a hostile line cannot
/// exhaust the stack.
struct BatchJSON {
  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0
  private static let maximumDepth = 64

  /// Reads one JSON document, or says what is wrong and at which column.
  static func read(_ bytes: [UInt8]) -> Result<TemplateValue, BatchJSONError> {
    var reader = BatchJSON(bytes: bytes)
    do throws(BatchJSONError) {
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
      let value = try reader.value()
      reader.skipSpace()
      guard reader.index == bytes.count else { throw reader.failure("unexpected text after the JSON value") }
      return .success(value)
    } catch {
      return .failure(error)
    }
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private func failure(_ message: String) -> BatchJSONError {
    BatchJSONError(message: "\(message) at column \(index + 1)")
  }

  private mutating func skipSpace() {
    while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 || bytes[index] == 10 || bytes[index] == 13 {
      index += 1
    }
  }

  private mutating func value() throws(BatchJSONError) -> TemplateValue {
    skipSpace()
    guard index < bytes.count else { throw failure("unexpected end of the line") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try list()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    default: return try number()
    }
  }

  private mutating func literal(_ word: String, _ value: TemplateValue) throws(BatchJSONError) -> TemplateValue {
    let utf8 = Array(word.utf8)
    guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
      throw failure("unexpected character")
    }
    index += utf8.count
    return value
  }

  private mutating func enter() throws(BatchJSONError) {
    depth += 1
    if depth > Self.maximumDepth { throw failure("nesting deeper than \(Self.maximumDepth)") }
    index += 1
  }

  private mutating func object() throws(BatchJSONError) -> TemplateValue {
    try enter()
    // Members in order of appearance; an object of a mailing has a handful, so a repeated
    // name is found by a look along them (a set takes over for a large one).
    var members: [(String, TemplateValue)] = []
    var names: Set<String>?
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return .object(TemplateObject())
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
      let key = try string()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
      index += 1
      if members.count == 16 { names = Set(members.map(\.0)) }
      let repeated: Bool
      if names != nil {
        repeated = !names!.insert(key).inserted
      } else {
        repeated = members.contains { $0.0 == key }
      }
      guard !repeated else { throw failure("member \"\(key)\" given twice") }
      members.append((key, try value()))
      skipSpace()
      guard index < bytes.count else { throw failure("unexpected end of the line") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        depth -= 1
        return .object(.nameOrdered(members))
      } else {
        throw failure("expected ',' or '}'")
      }
    }
  }

  private mutating func list() throws(BatchJSONError) -> TemplateValue {
    try enter()
    var items: [TemplateValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return .list(items)
    }
    while true {
      items.append(try value())
      skipSpace()
      guard index < bytes.count else { throw failure("unexpected end of the line") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        depth -= 1
        return .list(items)
      } else {
        throw failure("expected ',' or ']'")
      }
    }
  }

  private mutating func string() throws(BatchJSONError) -> String {
    index += 1
    let start = index
    // The common case: no escapes, taken as one slice.
    while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"),
      bytes[index] >= 32
    {
      index += 1
    }
    guard index < bytes.count else { throw failure("unterminated string") }
    if bytes[index] == UInt8(ascii: "\"") {
      index += 1
      return try text(bytes[start..<index - 1], from: start)
    }
    var out = Array(bytes[start..<index])
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return try text(out, from: start)
      }
      guard byte >= 32 else { throw failure("control character in a string") }
      if byte != UInt8(ascii: "\\") {
        out.append(byte)
        index += 1
        continue
      }
      index += 1
      guard index < bytes.count else { break }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
      case UInt8(ascii: "b"): out.append(8)
      case UInt8(ascii: "f"): out.append(12)
      case UInt8(ascii: "n"): out.append(10)
      case UInt8(ascii: "r"): out.append(13)
      case UInt8(ascii: "t"): out.append(9)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        {
          index += 2
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid surrogate pair") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw failure("invalid \\u escape") }
        out += Array(String(Character(unicode)).utf8)
      default: throw failure("invalid escape")
      }
    }
    throw failure("unterminated string")
  }

  /// The string of `utf8`, refusing bytes that are not UTF-8 (rather than replacing them with
  /// U+FFFD, which would print a name wrong), at the column of the first such byte in the line.
  private func text(_ utf8: some Collection<UInt8>, from start: Int) throws(BatchJSONError) -> String {
    if let text = String(validating: utf8, as: UTF8.self) { return text }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes[start...].makeIterator()
    var offset = start
    while case .valid(let scalar) = parser.parseScalar(from: &iterator) { offset += scalar.count }
    throw BatchJSONError(message: "bytes that are not UTF-8 at column \(offset + 1); save the mailing as UTF-8")
  }

  private mutating func hex4() throws(BatchJSONError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw failure("invalid \\u escape") }
    var value: UInt32 = 0
    for byte in bytes[index..<index + 4] {
      let digit: UInt8
      switch byte {
      case 48...57: digit = byte - 48
      case 65...70: digit = byte - 55
      case 97...102: digit = byte - 87
      default: throw failure("invalid \\u escape")
      }
      value = value << 4 | UInt32(digit)
    }
    index += 4
    return value
  }

  private mutating func number() throws(BatchJSONError) -> TemplateValue {
    let start = index
    var isInteger = true
    while index < bytes.count {
      let byte = bytes[index]
      if (48...57).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
        index += 1
      } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
        isInteger = false
        index += 1
      } else {
        break
      }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard !text.isEmpty else { throw failure("unexpected character") }
    if isInteger, let int = Int(text) { return .int(int) }
    guard let double = Double(text), double.isFinite else { throw failure("invalid number \(text)") }
    return .double(double)
  }
}

/// What is wrong with a line that is not JSON.
struct BatchJSONError: Error {
  var message: String
}
