/// The tokens of a CMap that carry its mappings: hexadecimal strings, arrays of them, and words
/// (operators and the rest; names, numbers and literal strings are reported as words too).
struct CMapTokens {
  enum Token {
    case hex([UInt8])
    case array([[UInt8]])
    case word(String)
  }

  private let bytes: [UInt8]
  private var index = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func next() -> Token? {
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case 32, 10, 13, 9, 12, 0:
        index += 1
      case 0x25:
        while index < bytes.count && bytes[index] != 10 && bytes[index] != 13 { index += 1 }
      case 0x3C where index + 1 < bytes.count && bytes[index + 1] == 0x3C:
        index += 2
        return .word("<<")
      case 0x3C:
        index += 1
        return .hex(hexString())
      case 0x5B:
        index += 1
        var values: [[UInt8]] = []
        while index < bytes.count && bytes[index] != 0x5D {
          if bytes[index] == 0x3C {
            index += 1
            values.append(hexString())
          } else {
            index += 1
          }
        }
        index += 1
        return .array(values)
      default:
        let start = index
        index += 1
        while index < bytes.count && ![32, 10, 13, 9, 12, 0, 0x3C, 0x5B, 0x2F, 0x28].contains(bytes[index]) {
          index += 1
        }
        return .word(String(decoding: bytes[start..<index], as: UTF8.self))
      }
    }
    return nil
  }

  private mutating func hexString() -> [UInt8] {
    var digits: [UInt8] = []
    while index < bytes.count && bytes[index] != 0x3E {
      if let value = UInt8(String(UnicodeScalar(bytes[index])), radix: 16) { digits.append(value) }
      index += 1
    }
    index += 1
    if digits.count % 2 == 1 { digits.append(0) }
    return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
  }
}
