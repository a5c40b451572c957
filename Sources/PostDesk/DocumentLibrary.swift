import DigitalPost
import Foundation
import Synchronization
import XMLTemplates

#if canImport(Glibc)
  import Glibc
#endif

/// The document templates of one templates folder (`templates/da/NAME.xhtml`,
/// `templates/en/NAME.xhtml`), each compiled once on first use and then shared.
public final class DocumentLibrary: Sendable {
  /// The folder holding `da/`, `en/`, the shared layout and `centres.json`.
  public let folder: String
  private let compiled = Mutex<[String: Template]>([:])

  /// Makes the library of the templates in `folder`; nothing is compiled until first use.
  public init(folder: String) {
    self.folder = folder
  }

  /// The compiled template `NAME` in `language`.
  public func template(_ name: String, _ language: Language) throws -> Template {
    let path = "\(folder)/\(language.rawValue)/\(name).xhtml"
    if let template = compiled.withLock({ $0[path] }) { return template }
    let template = try Template.compile(path: path, includingFrom: folder, filters: .postDesk)
    compiled.withLock { $0[path] = template }
    return template
  }

  /// Renders `NAME` in `language` from `data` as an HTML5 document.
  public func render(_ name: String, _ language: Language, _ data: some Encodable) throws -> String {
    try template(name, language).render(data, mode: .html)
  }
}

/// Writes a finished document so that it appears whole or not at all: written under a
/// temporary name in the same folder, then renamed over any file of that name (rename(2)
/// replaces atomically; Foundation's replaceItemAt fails on Linux where the file exists).
public enum DocumentFile {
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
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
    do {
      try contents.write(to: temporary)
      guard rename(temporary.path, url.path) == 0 else {
        throw DeskError.cannotWrite(path, String(cString: strerror(errno)))
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }
}
