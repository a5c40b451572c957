/// The store's portable SQL in PostgreSQL's words: `?` (in order) and `?N` (by number)
/// become `$1`, `$N`, as SQLite numbers them (a `?` after `?N` is `N + 1`); text in quotes
/// and comments is left as it is.
enum PostgresPlaceholders {
  /// `sql` with PostgreSQL's placeholders, and how many parameters it takes.
  static func translate(_ sql: String) -> (sql: String, parameterCount: Int) {
    var output: [UInt8] = []
    output.reserveCapacity(sql.utf8.count + 8)
    let bytes = Array(sql.utf8)
    var index = 0
    var highest = 0
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "'"), UInt8(ascii: "\""):
        // A literal or a quoted name, to its closing quote (a doubled quote stays inside).
        let end = closing(byte, in: bytes, after: index)
        output.append(contentsOf: bytes[index..<end])
        index = end
      case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
        let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        output.append(contentsOf: bytes[index..<end])
        index = end
      case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
        var end = index + 2
        while end + 1 < bytes.count && !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) {
          end += 1
        }
        end = min(end + 2, bytes.count)
        output.append(contentsOf: bytes[index..<end])
        index = end
      case UInt8(ascii: "?"):
        var end = index + 1
        var number = 0
        while end < bytes.count, let digit = digit(bytes[end]) {
          number = number * 10 + digit
          end += 1
        }
        if end == index + 1 { number = highest + 1 }
        highest = max(highest, number)
        output.append(UInt8(ascii: "$"))
        output.append(contentsOf: String(number).utf8)
        index = end
      default:
        output.append(byte)
        index += 1
      }
    }
    return (String(decoding: output, as: UTF8.self), highest)
  }

  private static func digit(_ byte: UInt8) -> Int? {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
  }

  /// The index just past the quote that closes the one at `start`.
  private static func closing(_ quote: UInt8, in bytes: [UInt8], after start: Int) -> Int {
    var index = start + 1
    while index < bytes.count {
      if bytes[index] == quote {
        if index + 1 < bytes.count && bytes[index + 1] == quote {
          index += 2
          continue
        }
        return index + 1
      }
      index += 1
    }
    return bytes.count
  }
}
