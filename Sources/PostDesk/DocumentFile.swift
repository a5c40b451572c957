import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a finished document so that it appears whole or not at all: written under a
/// temporary name in the same folder, then renamed over any file of that name (rename(2)
/// replaces atomically; Foundation's replaceItemAt fails on Linux where the file exists).
///
/// A document names a citizen, often with their CPR number: it is readable by its owner only
/// (0600), and a folder made for it too (0700).
public enum DocumentFile {
  /// The permissions of a document written: the owner's, read and write.
  public static let filePermissions: mode_t = 0o600
  /// The permissions of a folder made for documents: the owner's only.
  public static let folderPermissions: mode_t = 0o700

  /// Writes `contents` to `path` whole or not at all.
  public static func write(_ contents: Data, to path: String) throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      throw DeskError.outputIsFolder(path)
    }
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
      attributes: [.posixPermissions: Int(folderPermissions)])
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
    do {
      let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, filePermissions)
      guard descriptor >= 0 else { throw DeskError.cannotWrite(path, String(cString: strerror(errno))) }
      let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
      // A partial file left by a crash keeps its old mode through O_CREAT: set it again.
      fchmod(descriptor, filePermissions)
      try file.write(contentsOf: contents)
      try file.close()
      guard rename(temporary.path, url.path) == 0 else {
        throw DeskError.cannotWrite(path, String(cString: strerror(errno)))
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }
}
