import Crypto
import Foundation
import Registry
import XMLTemplates

#if canImport(Glibc)
  import Glibc
#endif

/// The append-only journal of a batch (`.batch/journal`): which letters have their outputs
/// on disk, synced. The only thing a resume trusts.
///
/// Format: a header line `postdesk-batch 1<TAB>BATCH-ID`, then per checkpoint the records
/// of its letters (`BatchRecord.journalLines`) and a line `C<TAB>LAST-SEQUENCE<TAB>SHA-256`
/// of those records' bytes. A checkpoint whose line is missing or whose digest does not
/// match (a torn write) is not trusted, nor is anything after it.
final class BatchJournal {
  static let folderName = ".batch"
  let path: String
  private let fd: Int32

  /// The header line for `batchID`.
  static func header(_ batchID: String) -> String { "postdesk-batch 1\t\(batchID)\n" }

  /// What a journal holds that can be trusted.
  struct Recovered {
    /// The batch id in the header; nil when even the header is not whole.
    var batchID: String?
    /// The last letter whose outputs were synced (0: none).
    var lastSequence = 0
    /// The length of the trusted prefix of the file.
    var length = 0
  }

  /// Reads the trusted prefix of the journal at `path` (missing: nothing trusted).
  static func recover(path: String) -> Recovered {
    var recovered = Recovered()
    guard let reader = try? BatchJournalReader(path: path) else { return recovered }
    guard let header = reader.nextLine(), header.hasPrefix("postdesk-batch 1\t"), header.hasSuffix("\n") else {
      return recovered
    }
    recovered.batchID = String(header.dropFirst("postdesk-batch 1\t".count).dropLast())
    recovered.length = header.utf8.count
    var hasher = SHA256()
    var pending = 0
    while let line = reader.nextLine(), line.hasSuffix("\n") {
      pending += line.utf8.count
      if line.hasPrefix("C\t") {
        let parts = line.dropLast().split(separator: "\t")
        guard parts.count == 3, let last = Int(parts[1]), hasher.finalize().hexadecimal() == parts[2] else {
          break
        }
        recovered.lastSequence = last
        recovered.length += pending
        pending = 0
        hasher = SHA256()
      } else {
        hasher.update(data: Array(line.utf8))
      }
    }
    return recovered
  }

  /// Opens the journal for appending, cut back to its trusted `length` (0: a new journal
  /// with its header, synced).
  init(path: String, batchID: String, length: Int) throws(BatchError) {
    self.path = path
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    fd = open(path, O_WRONLY | O_CREAT, 0o644)
    guard fd >= 0 else { throw BatchError("cannot write the journal \(path): \(String(cString: strerror(errno)))") }
    guard ftruncate(fd, off_t(length)) == 0, lseek(fd, off_t(length), SEEK_SET) >= 0 else {
      throw BatchError("cannot cut the journal \(path) back to its last checkpoint")
    }
    if length == 0 {
      try append(Self.header(batchID))
      try sync()
      BatchJournal.syncFolder(folder)
    }
  }

  deinit { close(fd) }

  /// Appends the records of a checkpoint and its closing line, then syncs the journal.
  /// The caller has synced the outputs the records name before.
  func checkpoint(_ records: [BatchRecord]) throws(BatchError) {
    guard let last = records.last?.sequence else { return }
    var text = ""
    for record in records { text += record.journalLines }
    let digest = BatchDigest.sha256(text)
    try append(text + "C\t\(last)\t\(digest)\n")
    try sync()
  }

  private func append(_ text: String) throws(BatchError) {
    try BatchFileWriter.write(Array(text.utf8), to: fd, "the journal \(path)")
  }

  private func sync() throws(BatchError) {
    guard fsync(fd) == 0 else { throw BatchError("cannot sync the journal \(path)") }
  }

  /// Makes every file written in the folder's file system so far durable: one call per
  /// checkpoint instead of one `fsync` per file.
  static func syncOutputs(_ folder: String) {
    let fd = open(folder, O_RDONLY)
    guard fd >= 0, let syncfs = Self.syncfs, syncfs(fd) == 0 else {
      if fd >= 0 { close(fd) }
      Glibc.sync()
      return
    }
    close(fd)
  }

  /// Linux's `syncfs(2)`, looked up at run time (Glibc's module map hides it behind _GNU_SOURCE).
  private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
  }()

  /// Syncs a folder's entries (after a rename or a new file in it).
  static func syncFolder(_ folder: String) {
    let fd = open(folder, O_RDONLY)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }
}

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
