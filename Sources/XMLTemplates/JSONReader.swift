/// A strict JSON reader (RFC 8259) straight into ``TemplateValue``: the one JSON reader of
/// PostDesk, for template data and for the lines of a mailing.
///
/// No Foundation bridging, so numbers and booleans never get confused, and each byte is read
/// once: `JSONDecoder` with a generic value type costs a thrown error per probe, and was a
/// fifth of a batch's time when the mailing reader used it. What JSON leaves open it refuses:
/// a member name given twice, bytes that are not UTF-8, a lone surrogate, a number outside
/// the grammar (`+1`, `01`, `.5`) or too large for a `Double`. Nesting is limited, so hostile
/// data cannot exhaust the stack.
public struct JSONReader {
  /// How a reader treats what JSON leaves to the reader.
  public struct Options: Sendable {
    /// Nesting deeper than this many objects and lists is refused.
    public var maximumDepth: Int
    /// Whether an object's members are kept in the order of their names (as
    /// `TemplateObject([String: TemplateValue])` orders them) rather than as written.
    public var membersInNameOrder: Bool

    /// Options: `maximumDepth` levels at most, members as written unless `membersInNameOrder`.
    public init(maximumDepth: Int = 512, membersInNameOrder: Bool = false) {
      self.maximumDepth = maximumDepth
      self.membersInNameOrder = membersInNameOrder
    }
  }

  /// What is wrong with the JSON, and where: line and column from 1, counted in characters.
  public struct Problem: Error, Sendable, Equatable {
    /// What is wrong, without the place (`expected ':'`).
    public var message: String
    /// The line of the problem, from 1.
    public var line: Int
    /// The column of the problem, from 1, counted in characters.
    public var column: Int
    /// Whether the problem is bytes that are not UTF-8 (the mend is to save the file as UTF-8).
    public var isEncoding: Bool
  }

  private let bytes: [UInt8]
  private let options: Options
  private var index = 0
  private var depth = 0

  private init(bytes: [UInt8], options: Options) {
    self.bytes = bytes
    self.options = options
  }

  /// Reads one JSON document (a byte order mark before it is skipped).
  public static func read(_ bytes: [UInt8], options: Options = Options()) throws(Problem) -> TemplateValue {
    var reader = JSONReader(bytes: bytes, options: options)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
    let value = try reader.value()
    reader.skipSpace()
    guard reader.index == bytes.count else { throw reader.failure("unexpected text after the JSON value") }
    return value
  }

  /// Reads one JSON document; a problem becomes a template error located in `path`.
  static func read(_ bytes: [UInt8], path: String) throws(TemplateError) -> TemplateValue {
    do {
      return try read(bytes)
    } catch {
      throw TemplateError([
        Diagnostic(file: path, line: error.line, column: error.column, message: "invalid JSON: \(error.message)")
      ])
    }
  }

  /// A problem at `offset` (the reader's place by default).
  private func failure(_ message: String, at offset: Int? = nil, isEncoding: Bool = false) -> Problem {
    var line = 1
    var column = 1
    for byte in bytes[..<min(offset ?? index, bytes.count)] {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return Problem(message: message, line: line, column: column, isEncoding: isEncoding)
  }

  private mutating func skipSpace() {
    while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 || bytes[index] == 10 || bytes[index] == 13 {
      index += 1
    }
  }

  private mutating func value() throws(Problem) -> TemplateValue {
    skipSpace()
    guard index < bytes.count else { throw failure("unexpected end of data") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try list()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw failure("expected a value")
    }
  }

  private mutating func literal(_ word: String, _ value: TemplateValue) throws(Problem) -> TemplateValue {
    let utf8 = Array(word.utf8)
    guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
      throw failure("expected a value")
    }
    index += utf8.count
    return value
  }

  private mutating func enter() throws(Problem) {
    depth += 1
    if depth > options.maximumDepth { throw failure("nesting deeper than \(options.maximumDepth)") }
    index += 1
  }

  private mutating func object() throws(Problem) -> TemplateValue {
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
      guard index < bytes.count else { throw failure("unexpected end of data") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        depth -= 1
        if options.membersInNameOrder { members.sort { $0.0 < $1.0 } }
        var object = TemplateObject(minimumCapacity: members.count)
        for (key, value) in members { object[key] = value }
        return .object(object)
      } else {
        throw failure("expected ',' or '}'")
      }
    }
  }

  private mutating func list() throws(Problem) -> TemplateValue {
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
      guard index < bytes.count else { throw failure("unexpected end of data") }
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

  private mutating func string() throws(Problem) -> String {
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
  /// U+FFFD, which would print a name wrong), at the first such byte after `start`.
  private func text(_ utf8: some Collection<UInt8>, from start: Int) throws(Problem) -> String {
    if let text = String(validating: utf8, as: UTF8.self) { return text }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes[start...].makeIterator()
    var offset = start
    while case .valid(let scalar) = parser.parseScalar(from: &iterator) { offset += scalar.count }
    throw failure("bytes that are not UTF-8", at: offset, isEncoding: true)
  }

  private mutating func hex4() throws(Problem) -> UInt32 {
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

  /// A number by JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  private mutating func number() throws(Problem) -> TemplateValue {
    let start = index
    func digits(_ index: inout Int, _ bytes: [UInt8]) -> Int {
      let first = index
      while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
      return index - first
    }
    var valid = true
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let whole = digits(&index, bytes)
    if whole == 0 || (whole > 1 && bytes[index - whole] == UInt8(ascii: "0")) { valid = false }
    var isInteger = true
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      if digits(&index, bytes) == 0 { valid = false }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      if digits(&index, bytes) == 0 { valid = false }
    }
    // Take in what a mistyped number runs on with, so the message shows all of it.
    while index < bytes.count, Self.isNumberByte(bytes[index]) {
      valid = false
      index += 1
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard valid else { throw failure("invalid number \(text)") }
    if isInteger, let int = Int(text) { return .int(int) }
    guard let double = Double(text), double.isFinite else { throw failure("invalid number \(text)") }
    return .double(double)
  }

  private static func isNumberByte(_ byte: UInt8) -> Bool {
    (48...57).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
  }
}
