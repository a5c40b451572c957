import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a batch's output files, each whole before it has its name (the checkpoint syncs them).
struct BatchFileWriter {
  /// The batch folder; names are relative to it.
  let folder: String
  /// The `open` flag for a nameless file, nil once the file system has refused one (or
  /// where there is none): then files are written under a temporary name and renamed.
  private var nameless: Int32?
  private var folders = Set<String>()

  /// A writer into `folder`; `nameless: false` writes under temporary names only.
  init(folder: String, nameless: Bool = true) {
    self.folder = folder
    self.nameless = nameless ? Self.linuxNameless : nil
  }

  /// Writes one file atomically: whole before it has its name (the checkpoint syncs it).
  /// On Linux the file is made nameless (`O_TMPFILE`), written, then linked under its name:
  /// one directory entry instead of a temporary one and a rename, and nothing to clean up
  /// after a crash. Where that is not to be had, it is written under a temporary name
  /// (`.NAME.partial`) and renamed when whole.
  mutating func write(_ bytes: [UInt8], to name: String) throws {
    let path = "\(folder)/\(name)"
    let slash = path.lastIndex(of: "/")!
    let directory = String(path[..<slash])
    if !folders.contains(directory) {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      folders.insert(directory)
    }
    if let flag = nameless {
      let fd = open(directory, O_WRONLY | flag, 0o644)
      if fd >= 0 {
        defer { close(fd) }
        try Self.write(bytes, to: fd, path)
        var link = linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW)
        if link != 0 && errno == EEXIST {
          unlink(path)
          link = linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW)
        }
        guard link == 0 else { throw BatchError("cannot write \(path): \(String(cString: strerror(errno)))") }
        return
      }
      // The file system cannot make nameless files: fall back for the rest of the batch.
      guard errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL || errno == ENOENT else {
        throw BatchError("cannot write in \(directory): \(String(cString: strerror(errno)))")
      }
      nameless = nil
    }
    let temporary = "\(directory)/.\(path[path.index(after: slash)...]).partial"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw BatchError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
    do {
      try Self.write(bytes, to: fd, temporary)
    } catch {
      close(fd)
      throw error
    }
    close(fd)
    guard rename(temporary, path) == 0 else {
      throw BatchError("cannot rename \(temporary): \(String(cString: strerror(errno)))")
    }
  }

  /// Writes all of `bytes` to `fd`; `what` names the file in the error.
  static func write(_ bytes: [UInt8], to fd: Int32, _ what: String) throws(BatchError) {
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
      guard n > 0 else { throw BatchError("cannot write \(what): \(String(cString: strerror(errno)))") }
      written += n
    }
  }

  /// Linux's `O_TMPFILE` (with `O_DIRECTORY`), which Glibc's module does not export.
  static let linuxNameless: Int32? = {
    #if os(Linux) && arch(x86_64)
      return 0o20_200_000
    #elseif os(Linux) && arch(arm64)
      return 0o20_040_000
    #else
      return nil
    #endif
  }()
}
