import DigitalPost
import Foundation
import Synchronization
import XMLTemplates

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
