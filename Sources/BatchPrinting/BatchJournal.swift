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
