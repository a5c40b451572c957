import Crypto
import Foundation

/// Reads a CSV file line by line in fixed-size chunks, hashing every byte as it goes: a
/// five-million-row extract is never held in memory at once.
///
/// Fields follow RFC 4180: separated by commas, optionally in double quotes, a quote inside
/// quotes doubled. A quoted field may not span lines (CPR extracts have none), so that a
/// line number always names one row.
///
/// Written here rather than taken from a CSV library, for speed: `registry-bench csv` reads a
/// five-million-row extract (364 MB) to the fields of every line in 21.6 s with this reader,
/// its checks and its hash, against 92.7 s with yaslab/CSV.swift 2.5.2, which streams as
/// this must (median of 3, alternating, 2 cores, bench/registry/RESULTS.md); SwiftCSV reads
/// the whole file into memory first.
struct CSVLines {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var start = 0
  private var atEOF = false
  private var hasher = SHA256()
  /// The number of the line last returned, from 1.
  private(set) var lineNumber = 0

  init(path: String) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw RegistryError("cannot read \(path): no such file or not readable")
    }
    self.handle = handle
  }

  /// The SHA-256 of the bytes read so far, hex; of the whole file once `nextLine` returned nil.
  var sha256: String { hasher.finalize().hexadecimal() }

  /// The next line without its line ending, or nil at the end of the file. A byte order
  /// mark at the start of the file (spreadsheets write one) is not part of the first line.
  mutating func nextLine() throws -> ArraySlice<UInt8>? {
    guard lineNumber > 0 else {
      guard let first = try nextLineOfFile() else { return nil }
      return first.starts(with: [0xEF, 0xBB, 0xBF]) ? first.dropFirst(3) : first
    }
    return try nextLineOfFile()
  }

  private mutating func nextLineOfFile() throws -> ArraySlice<UInt8>? {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        var end = newline
        if end > start, buffer[end - 1] == 0x0D { end -= 1 }
        let line = buffer[start..<end]
        start = newline + 1
        lineNumber += 1
        return line
      }
      if atEOF {
        guard start < buffer.count else { return nil }
        let line = buffer[start...]
        start = buffer.count
        lineNumber += 1
        return line.last == 0x0D ? line.dropLast() : line
      }
      buffer.removeFirst(start)
      start = 0
      let chunk = try handle.read(upToCount: 1 << 22) ?? Data()
      if chunk.isEmpty {
        atEOF = true
        try handle.close()
      } else {
        hasher.update(data: chunk)
        buffer.append(contentsOf: chunk)
      }
    }
  }

  /// The longest field, in bytes: the longest name or address line in the CPR register is a
  /// few dozen characters, and a field of megabytes is a broken file, not a citizen.
  static let maximumFieldBytes = 512

  /// The fields of one line, or a message saying what is wrong: its quoting, bytes that are
  /// not UTF-8, a control character, or a field past `maximumFieldBytes`. `name` names a
  /// field (by its index) in messages.
  static func fields(_ line: ArraySlice<UInt8>, name: (Int) -> String = { "field \($0 + 1)" }) -> Result<
    [String], RegistryError
  > {
    var fields: [String] = []
    fields.reserveCapacity(18)
    var i = line.startIndex
    while true {
      let field: Result<String, RegistryError>
      if i < line.endIndex, line[i] == 0x22 {
        var bytes: [UInt8] = []
        i += 1
        let opening = i
        while true {
          guard i < line.endIndex else {
            return .failure(RegistryError("a quoted field is not closed (a quote inside a field is written \"\")"))
          }
          if line[i] == 0x22 {
            if i + 1 < line.endIndex, line[i + 1] == 0x22 {
              bytes.append(0x22)
              i += 2
              continue
            }
            i += 1
            break
          }
          bytes.append(line[i])
          i += 1
        }
        field = text(bytes[...], column: opening - line.startIndex + 1) { name(fields.count) }
        if i < line.endIndex, line[i] != 0x2C {
          return .failure(RegistryError("text after a closing quote; put the whole field in quotes"))
        }
      } else {
        let end = line[i...].firstIndex(of: 0x2C) ?? line.endIndex
        // Spaces and tabs around an unquoted field are not part of it; trimmed as bytes,
        // which is much cheaper than trimming Characters.
        var from = i
        var to = end
        while from < to, line[from] == 0x20 || line[from] == 0x09 { from += 1 }
        while to > from, line[to - 1] == 0x20 || line[to - 1] == 0x09 { to -= 1 }
        field = text(line[from..<to], column: from - line.startIndex + 1) { name(fields.count) }
        i = end
      }
      switch field {
      case .success(let text): fields.append(text)
      case .failure(let error): return .failure(error)
      }
      if i >= line.endIndex { return .success(fields) }
      i += 1  // the comma
    }
  }

  /// A field's text, or why it is refused; `column` is the byte of the line its text starts at.
  private static func text(_ bytes: ArraySlice<UInt8>, column: Int, name: () -> String) -> Result<
    String, RegistryError
  > {
    if bytes.count > maximumFieldBytes {
      return .failure(
        RegistryError("\(name()) is \(bytes.count) bytes long; a field holds at most \(maximumFieldBytes)"))
    }
    if let control = bytes.firstIndex(where: { $0 < 0x20 || $0 == 0x7F }) {
      let code = String(bytes[control], radix: 16, uppercase: true)
      return .failure(
        RegistryError(
          "\(name()) holds the control character U+\(String(repeating: "0", count: 4 - code.count) + code) at byte "
            + "\(column + control - bytes.startIndex) of the line; remove it"))
    }
    if let valid = String(validating: bytes, as: UTF8.self) { return .success(valid) }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var at = column
    while case .valid(let scalar) = parser.parseScalar(from: &iterator) { at += scalar.count }
    return .failure(
      RegistryError("\(name()) holds bytes that are not UTF-8 at byte \(at) of the line; save the file as UTF-8"))
  }
}
