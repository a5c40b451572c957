import Crypto
import DigitalPost
import Foundation
import Registry
import XMLTemplates

/// A list written line by line under a temporary name, hashed as it goes, then synced and
/// renamed: bounded memory whatever its length.
final class BatchStreamFile {
  let name: String
  private let path: String
  private let temporary: String
  private let out: UnsafeMutablePointer<FILE>
  private var hasher = SHA256()

  init(folder: String, name: String) throws {
    self.name = name
    path = "\(folder)/\(name)"
    let directory = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    temporary = "\(directory)/.\((path as NSString).lastPathComponent).partial"
    guard let out = fopen(temporary, "wb") else { throw BatchError("cannot write \(temporary)") }
    self.out = out
  }

  func put(_ text: String) {
    let bytes = Array(text.utf8)
    hasher.update(data: bytes)
    bytes.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, out) }
  }

  /// Syncs and renames the file; returns its name and digest.
  func finish() throws -> BatchOutputFile {
    fflush(out)
    fsync(fileno(out))
    fclose(out)
    guard rename(temporary, path) == 0 else { throw BatchError("cannot rename \(temporary) to \(path)") }
    BatchJournal.syncFolder((path as NSString).deletingLastPathComponent)
    return BatchOutputFile(name: name, sha256: hasher.finalize().hexadecimal())
  }
}
