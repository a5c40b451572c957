/// A tokenizer of PDF content streams that reports fonts chosen, strings shown and XObjects
/// drawn (ISO 32000-1 §7.2, §7.8, §9.4): strings literal (with escapes and balanced
/// parentheses) or hexadecimal, arrays, dictionaries, comments, and inline images (whose data
/// is skipped, so that its bytes are never read as operators).
enum ContentScanner {
  private enum Operand {
    case name(String)
    case string([UInt8])
    case array([[UInt8]])
    case other
  }

  /// Calls `report` for each event of `content`, in order.
  static func scan(_ content: UnsafeBufferPointer<UInt8>, _ report: (ContentEvent) -> Void) {
    var operands: [Operand] = []
    var arrayDepth = 0
    var arrayStrings: [[UInt8]] = []
    var index = 0
    let count = content.count
    func isWhite(_ byte: UInt8) -> Bool {
      byte == 32 || byte == 10 || byte == 13 || byte == 9 || byte == 12 || byte == 0
    }
    func isDelimiter(_ byte: UInt8) -> Bool {
      isWhite(byte) || byte == 0x28 || byte == 0x29 || byte == 0x3C || byte == 0x3E || byte == 0x5B || byte == 0x5D
        || byte == 0x7B || byte == 0x7D || byte == 0x2F || byte == 0x25
    }
    func push(_ operand: Operand) {
      if arrayDepth > 0 {
        if case .string(let bytes) = operand { arrayStrings.append(bytes) }
      } else {
        operands.append(operand)
      }
    }
    while index < count {
      let byte = content[index]
      switch byte {
      case _ where isWhite(byte):
        index += 1
      case 0x25:  // % comment
        while index < count && content[index] != 10 && content[index] != 13 { index += 1 }
      case 0x28:  // ( literal string
        index += 1
        push(.string(literal(content, &index)))
      case 0x3C:  // < hex string, or << dictionary
        if index + 1 < count && content[index + 1] == 0x3C {
          index += 2
        } else {
          index += 1
          push(.string(hex(content, &index)))
        }
      case 0x3E, 0x7B, 0x7D, 0x29:
        index += 1
      case 0x5B:
        if arrayDepth == 0 { arrayStrings = [] }
        arrayDepth += 1
        index += 1
      case 0x5D:
        index += 1
        guard arrayDepth > 0 else { continue }
        arrayDepth -= 1
        if arrayDepth == 0 { operands.append(.array(arrayStrings)) }
      case 0x2F:  // /Name
        let start = index + 1
        index += 1
        while index < count && !isDelimiter(content[index]) { index += 1 }
        push(.name(name(content, start..<index)))
      default:
        let start = index
        while index < count && !isDelimiter(content[index]) { index += 1 }
        if index == start { index += 1 }
        let first = content[start]
        if (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2B || first == 0x2E || arrayDepth > 0 {
          push(.other)
          continue
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: content[start..<index]), as: UTF8.self)
        switch word {
        case "q": report(.save)
        case "Q": report(.restore)
        case "Tf":
          if operands.count >= 2, case .name(let font) = operands[operands.count - 2] { report(.font(font)) }
        case "Tj", "'", "\"":
          if case .string(let bytes)? = operands.last { report(.show(bytes)) }
        case "TJ":
          if case .array(let strings)? = operands.last { for bytes in strings { report(.show(bytes)) } }
        case "Do":
          if case .name(let object)? = operands.last { report(.draw(object)) }
        case "ID": skipInlineImage(content, &index)
        default: break
        }
        operands.removeAll(keepingCapacity: true)
      }
    }
  }

  /// A literal string's bytes, from just after its `(` to just after its `)`.
  private static func literal(_ content: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> [UInt8] {
    var bytes: [UInt8] = []
    var depth = 1
    while index < content.count {
      let byte = content[index]
      index += 1
      switch byte {
      case 0x28:
        depth += 1
        bytes.append(byte)
      case 0x29:
        depth -= 1
        if depth == 0 { return bytes }
        bytes.append(byte)
      case 0x5C:  // backslash
        guard index < content.count else { return bytes }
        let next = content[index]
        index += 1
        switch next {
        case 0x6E: bytes.append(10)
        case 0x72: bytes.append(13)
        case 0x74: bytes.append(9)
        case 0x62: bytes.append(8)
        case 0x66: bytes.append(12)
        case 0x0D:
          if index < content.count && content[index] == 0x0A { index += 1 }
        case 0x0A: break
        case 0x30...0x37:
          var value = Int(next - 0x30)
          for _ in 0..<2 where index < content.count && (0x30...0x37).contains(content[index]) {
            value = value * 8 + Int(content[index] - 0x30)
            index += 1
          }
          bytes.append(UInt8(truncatingIfNeeded: value))
        default: bytes.append(next)
        }
      default:
        bytes.append(byte)
      }
    }
    return bytes
  }

  /// A hexadecimal string's bytes, from just after its `<` to just after its `>` (white space
  /// ignored, an odd last digit read as followed by 0).
  private static func hex(_ content: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> [UInt8] {
    var bytes: [UInt8] = []
    var high: UInt8?
    while index < content.count {
      let byte = content[index]
      index += 1
      let digit: UInt8
      switch byte {
      case 0x30...0x39: digit = byte - 0x30
      case 0x41...0x46: digit = byte - 0x41 + 10
      case 0x61...0x66: digit = byte - 0x61 + 10
      case 0x3E:
        if let high { bytes.append(high << 4) }
        return bytes
      default: continue
      }
      if let first = high {
        bytes.append(first << 4 | digit)
        high = nil
      } else {
        high = digit
      }
    }
    return bytes
  }

  /// A name's text, its `#xx` escapes decoded.
  private static func name(_ content: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    var bytes: [UInt8] = []
    var index = range.lowerBound
    while index < range.upperBound {
      if content[index] == 0x23, index + 2 < range.upperBound,
        let value = UInt8(String(decoding: [content[index + 1], content[index + 2]], as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        index += 3
      } else {
        bytes.append(content[index])
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Moves past an inline image's data: from after `ID` to after the `EI` that stands alone.
  private static func skipInlineImage(_ content: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
    index += 1
    while index + 1 < content.count {
      if content[index] == 0x45 && content[index + 1] == 0x49
        && (index == 0 || [32, 10, 13, 9, 12, 0].contains(content[index - 1]))
        && (index + 2 >= content.count || [32, 10, 13, 9, 12, 0].contains(content[index + 2]))
      {
        index += 2
        return
      }
      index += 1
    }
    index = content.count
  }
}
