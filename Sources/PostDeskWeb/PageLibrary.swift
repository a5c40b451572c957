import Documents
import Foundation
import PostDesk
import XMLTemplates

/// The desk's page templates (`templates/web/*.xhtml`), compiled once at start-up and then
/// shared by every request: a page is one synchronous render of an immutable template.
final class PageLibrary: Sendable {
  private let pages: [String: Template]

  /// Compiles every page of `folder`; a template error stops the server before it listens.
  init(folder: String) throws {
    var pages: [String: Template] = [:]
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xhtml") }
    for name in names where name != "layout.xhtml" {
      pages[String(name.dropLast(".xhtml".count))] = try Template.compile(
        path: "\(folder)/\(name)", includingFrom: folder, filters: .postDesk)
    }
    self.pages = pages
  }

  /// Renders page `name` from `data` as HTML5, in UTF-8: the bytes go out as they are, with
  /// no string made (and its UTF-8 checked again) on the way.
  func render(_ name: String, _ data: some Encodable) throws -> [UInt8] {
    guard let page = pages[name] else { throw WebDeskError.missingPage(name) }
    return try page.renderBytes(data, mode: .html)
  }

  /// Renders page `name` from a value tree made by the caller, as `render(_:_:)` does.
  func render(_ name: String, value: TemplateValue) throws -> [UInt8] {
    guard let page = pages[name] else { throw WebDeskError.missingPage(name) }
    return try page.renderBytes(value: value, mode: .html)
  }
}

/// Why the web desk cannot start or serve.
public enum WebDeskError: Error, CustomStringConvertible, Equatable {
  case missingPage(String)
  case missingTemplates(String)

  /// What is missing, and how to give the server a complete templates folder.
  public var description: String {
    switch self {
    case .missingPage(let name):
      "no page template web/\(name).xhtml; the templates folder is incomplete, give the project's with --templates DIR"
    case .missingTemplates(let folder):
      "no \(folder)/web/ or \(folder)/centres.json; give the project's templates folder with --templates DIR"
    }
  }
}
