import Crypto
import Foundation
import Registry
import XMLTemplates

/// Reads a text file line by line, each line with its line break (the last one may lack it).
final class BatchJournalReader {
  private let handle: UnsafeMutablePointer<FILE>
  private var line: UnsafeMutablePointer<CChar>?
  private var capacity = 0

  init(path: String) throws(BatchError) {
    guard let handle = fopen(path, "rb") else { throw BatchError("cannot read \(path)") }
    self.handle = handle
  }

  deinit {
    free(line)
    fclose(handle)
  }

  /// The next line with its line break, nil at the end.
  func nextLine() -> String? {
    let count = getline(&line, &capacity, handle)
    guard count > 0, let line else { return nil }
    return String(decoding: UnsafeRawBufferPointer(start: line, count: count), as: UTF8.self)
  }

  /// The records of the journal's trusted prefix, one checkpoint at a time.
  func nextRecords(upTo last: Int) -> [BatchRecord]? {
    var lines: [Substring] = []
    while let line = nextLine() {
      if line.hasPrefix("postdesk-batch ") { continue }
      if line.hasPrefix("C\t") {
        let parts = line.dropLast().split(separator: "\t")
        guard let sequence = Int(parts[1]), sequence <= last else { return nil }
        return BatchRecord.parse(lines)
      }
      lines.append(Substring(line.dropLast()))
    }
    return nil
  }
}

extension BatchJournalReader {
  /// Writes a manifest `<file>` element for every output file the journal's trusted part
  /// names, in journal order, straight from the bytes of its `D` lines: a national batch
  /// has half a million of them, so no record is built on the way.
  func copyFileEntries(upTo last: Int, into out: UnsafeMutablePointer<FILE>) throws {
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    var checkpointStart = 0
    func put(_ text: StaticString) {
      buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
    func flush(upTo end: Int) {
      buffer.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, end, out) }
      buffer.removeFirst(end)
    }
    while let line = nextBytes() {
      guard line.count >= 2, line[1] == UInt8(ascii: "\t") else { continue }
      if line[0] == UInt8(ascii: "C") {
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        guard fields.count == 3, let sequence = Int(String(decoding: fields[1], as: UTF8.self)), sequence <= last
        else { break }
        checkpointStart = buffer.count
        if checkpointStart >= 1 << 20 {
          flush(upTo: checkpointStart)
          checkpointStart = 0
        }
        continue
      }
      guard line[0] == UInt8(ascii: "D") else { continue }
      let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
      var index = 7
      while index + 1 < fields.count {
        put("    <file name=\"")
        let name = fields[index]
        if name.contains(where: { $0 == 92 || $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 < 32 }) {
          let text = XMLEscaping.attribute(JournalField.unescaped(Substring(String(decoding: name, as: UTF8.self))))
          buffer.append(contentsOf: text.utf8)
        } else {
          buffer.append(contentsOf: name)
        }
        put("\" sha256=\"")
        buffer.append(contentsOf: fields[index + 1])
        put("\"/>\n")
        index += 2
      }
    }
    // Only whole checkpoints count: what follows the last closing line is dropped.
    flush(upTo: checkpointStart)
  }

  /// The next line without its line break, nil at the end or at a line without one (torn).
  private func nextBytes() -> ArraySlice<UInt8>? {
    let count = getline(&line, &capacity, handle)
    guard count > 0, let line, line[count - 1] == 10 else { return nil }
    return UnsafeRawBufferPointer(start: line, count: count - 1).withMemoryRebound(to: UInt8.self) { Array($0)[...] }
  }
}
