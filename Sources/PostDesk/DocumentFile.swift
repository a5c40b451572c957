import DigitalPost
import Documents
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

  /// What a document written to `path` holds: a PDF when the path ends in `.pdf` (printed on
  /// A4 by headless Chromium, dated `date`), else the HTML itself.
  static func contents(_ html: String, for path: String, on date: CivilDate) throws -> Data {
    path.lowercased().hasSuffix(".pdf") ? try DocumentPDF.print(html, on: date) : Data(html.utf8)
  }

  static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }

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

extension DocumentFile {
  /// The files of one HTML document written as `NAME.html` and/or `NAME.pdf` in `folder`,
  /// one per format, in the order given; the PDF dated `date`. Made before anything is
  /// written, so that a failing print writes nothing.
  static func files(
    _ html: String, named name: String, in folder: String, formats: [DocumentFormat], on date: CivilDate
  )
    throws -> [(path: String, contents: Data)]
  {
    try formats.map { format in
      let path = "\(folder)/\(name).\(format.fileSuffix)"
      return (path, format == .pdf ? try DocumentPDF.print(html, on: date) : Data(html.utf8))
    }
  }
}
