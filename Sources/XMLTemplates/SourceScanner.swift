/// Finds where each start tag and attribute sits in a template's text.
///
/// libxml2 records a line per node but no column, and no position at all for attributes. The
/// document has already passed libxml2 as well-formed, so a light scan can recover exact
/// positions: the n-th start tag in the text is the n-th element in document order.
struct SourceScanner {
  /// A position in the text, 1-based, columns counted in characters.
  struct Position: Sendable, Equatable {
    var line: Int
    var column: Int
  }

  /// One start tag: where it begins and where each attribute's name begins.
  struct Tag {
    var position: Position
    var attributes: [String: Position]
  }

  private let bytes: [UInt8]
  private var lineStarts: [Int] = [0]

  init(bytes: [UInt8]) {
    self.bytes = bytes
    for (offset, byte) in bytes.enumerated() where byte == 0x0A {
      lineStarts.append(offset + 1)
    }
  }

  /// The line and column of a byte offset.
  func position(of offset: Int) -> Position {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    var column = 1
    for byte in bytes[lineStarts[low]..<offset] where byte & 0xC0 != 0x80 {
      column += 1
    }
    return Position(line: low + 1, column: column)
  }

  /// Every start tag, in document order.
  func tags() -> [Tag] {
    var result: [Tag] = []
    var index = 0
    let count = bytes.count
    func starts(_ text: String, at offset: Int) -> Bool {
      let pattern = Array(text.utf8)
      return count - offset >= pattern.count && Array(bytes[offset..<offset + pattern.count]) == pattern
    }
    func skip(past terminator: String, from offset: Int) -> Int {
      var cursor = offset
      while cursor < count, !starts(terminator, at: cursor) { cursor += 1 }
      return min(count, cursor + terminator.utf8.count)
    }
    while index < count {
      guard bytes[index] == UInt8(ascii: "<") else {
        index += 1
        continue
      }
      if starts("<!--", at: index) {
        index = skip(past: "-->", from: index + 4)
      } else if starts("<![CDATA[", at: index) {
        index = skip(past: "]]>", from: index + 9)
      } else if starts("<?", at: index) {
        index = skip(past: "?>", from: index + 2)
      } else if starts("<!", at: index) {
        index = skipDeclaration(from: index + 2)
      } else if starts("</", at: index) {
        index = skip(past: ">", from: index + 2)
      } else {
        let (tag, end) = scanStartTag(at: index)
        result.append(tag)
        index = end
      }
    }
    return result
  }

  /// Skips `<!DOCTYPE …>` including an internal subset with its quoted strings and comments.
  private func skipDeclaration(from start: Int) -> Int {
    var index = start
    var depth = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        index += 1
        while index < bytes.count, bytes[index] != byte { index += 1 }
      } else if byte == UInt8(ascii: "[") {
        depth += 1
      } else if byte == UInt8(ascii: "]") {
        depth -= 1
      } else if byte == UInt8(ascii: ">"), depth <= 0 {
        return index + 1
      } else if byte == UInt8(ascii: "<"), index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "!"),
        bytes[index + 2] == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: "-")
      {
        index += 4
        while index + 2 < bytes.count,
          !(bytes[index] == UInt8(ascii: "-") && bytes[index + 1] == UInt8(ascii: "-")
            && bytes[index + 2] == UInt8(ascii: ">"))
        {
          index += 1
        }
        index += 2
      }
      index += 1
    }
    return index
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private func scanStartTag(at start: Int) -> (Tag, Int) {
    var tag = Tag(position: position(of: start), attributes: [:])
    var index = start + 1
    while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"),
      bytes[index] != UInt8(ascii: "/")
    {
      index += 1
    }
    while index < bytes.count {
      while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
      guard index < bytes.count else { break }
      if bytes[index] == UInt8(ascii: ">") { return (tag, index + 1) }
      if bytes[index] == UInt8(ascii: "/") {
        index += 1
        continue
      }
      let nameStart = index
      while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "=") { index += 1 }
      let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
      tag.attributes[name] = position(of: nameStart)
      while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") {
        index += 1
      }
      guard index < bytes.count else { break }
      let quote = bytes[index]
      index += 1
      while index < bytes.count, bytes[index] != quote { index += 1 }
      index += 1
    }
    return (tag, index)
  }
}
