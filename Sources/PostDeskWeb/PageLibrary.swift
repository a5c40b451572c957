import DigitalPost
import Documents
import Foundation
import PostDesk
import XMLTemplates

/// The desk's page templates (`templates/web/*.xhtml`), compiled once at start-up and then
/// shared by every request: a page is one synchronous render of an immutable template.
///
/// Each page is kept once per language with that language's words written in
/// (`Template.specialized(with:)`): the words (`m.SECTION.NAME`) are a third of a page's values,
/// the same on every render, and looked up and escaped per render they cost a third of it.
final class PageLibrary: Sendable {
  private let pages: [Language: [String: Template]]

  /// Compiles every page of `folder`, and writes in each language's words (`words`, the data's
  /// `m`) and `lang`; a template error stops the server before it listens.
  init(folder: String, words: [Language: TemplateValue]) throws {
    var compiled: [String: Template] = [:]
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xhtml") }
    for name in names where name != "layout.xhtml" {
      compiled[String(name.dropLast(".xhtml".count))] = try Template.compile(
        path: "\(folder)/\(name)", includingFrom: folder, filters: .postDesk)
    }
    pages = Dictionary(
      uniqueKeysWithValues: words.map { language, words in
        (language, compiled.mapValues { $0.specialized(with: ["m": words, "lang": .string(language.rawValue)]) })
      })
  }

  /// Renders page `name` from `data` as HTML5, in UTF-8: the bytes go out as they are, with
  /// no string made (and its UTF-8 checked again) on the way. `data` holds `language`'s words
  /// as `m` and its code as `lang` (`WebDesk.page`).
  func render(_ name: String, _ data: some Encodable, language: Language) throws -> [UInt8] {
    try page(name, language).renderBytes(data, mode: .html)
  }

  /// Renders page `name` from a value tree made by the caller, as `render(_:_:language:)` does.
  func render(_ name: String, value: TemplateValue, language: Language) throws -> [UInt8] {
    try page(name, language).renderBytes(value: value, mode: .html)
  }

  private func page(_ name: String, _ language: Language) throws -> Template {
    guard let page = pages[language]?[name] else { throw WebDeskError.missingPage(name) }
    return page
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
