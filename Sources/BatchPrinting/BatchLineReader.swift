import Crypto
import Foundation
import Registry

/// Reads a JSON Lines file line by line through a fixed buffer: one line in memory at a time,
/// and never more than `maximumLength` bytes of one, so a hostile line cannot grow the batch.
final class BatchLineReader {
  /// A line: its text, or only the news that it is longer than a letter may be.
  enum Line: Equatable {
    case text([UInt8])
    case tooLong
  }

  /// The longest line a letter may have: a letter of a mailing is a few kilobytes.
  static let maximumLength = 1 << 20
  private let handle: UnsafeMutablePointer<FILE>
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)
  private var start = 0
  private var end = 0
  /// The 1-based number of the line last read.
  private(set) var lineNumber = 0

  init(path: String) throws(BatchError) {
    guard let handle = fopen(path, "rb") else { throw BatchError("cannot read \(path)") }
    self.handle = handle
  }

  deinit {
    fclose(handle)
  }

  /// The next line that is not blank, without its line break; nil at the end.
  func next() -> Line? {
    while true {
      var bytes: [UInt8] = []
      var tooLong = false
      var sawAnything = false
      while true {
        if start == end {
          end = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
          start = 0
          if end == 0 { break }
        }
        sawAnything = true
        let newline = buffer[start..<end].firstIndex(of: 10)
        let stop = newline ?? end
        if !tooLong {
          if bytes.count + (stop - start) > Self.maximumLength {
            tooLong = true
            bytes = []
          } else {
            bytes.append(contentsOf: buffer[start..<stop])
          }
        }
        start = newline.map { $0 + 1 } ?? end
        if newline != nil { break }
      }
      guard sawAnything else { return nil }
      lineNumber += 1
      if tooLong { return .tooLong }
      while let last = bytes.last, last == 13 || last == 32 || last == 9 { bytes.removeLast() }
      if !bytes.isEmpty { return .text(bytes) }
    }
  }
}
