import CLibXML2
import Foundation

/// A compiled natural template: immutable, `Sendable`, rendered many times from many threads.
///
/// Compiling parses the XHTML/XML with libxml2, checks every template attribute, expression,
/// filter and include, and turns the document into one program per output mode: static
/// markup serialized once, and ops that write data values through the escaping emitters.
/// Rendering touches no libxml2 state at all.
public struct Template: Sendable {
  /// The compiled programs, behind one reference: copying a template is one retain, and the
  /// struct's layout never changes when the compiled form does. (A layout change of this
  /// struct once left an incrementally rebuilt client with a stale, too small stack slot.)
  private final class Storage: Sendable {
    let path: String
    let htmlProgram: FlatProgram
    let xmlProgram: FlatProgram
    let slotCount: Int
    let sizeHint: Int

    init(path: String, htmlProgram: FlatProgram, xmlProgram: FlatProgram, slotCount: Int, sizeHint: Int) {
      self.path = path
      self.htmlProgram = htmlProgram
      self.xmlProgram = xmlProgram
      self.slotCount = slotCount
      self.sizeHint = sizeHint
    }
  }

  private let storage: Storage

  /// The template's path, as given, for messages.
  public var path: String { storage.path }

  private init(path: String, htmlProgram: FlatProgram, xmlProgram: FlatProgram, slotCount: Int, sizeHint: Int) {
    storage = Storage(
      path: path, htmlProgram: htmlProgram, xmlProgram: xmlProgram, slotCount: slotCount, sizeHint: sizeHint)
  }

  /// Reads and compiles a template file; includes resolve relative to it.
  ///
  /// A template includes only files inside `folder` (symbolic links followed), by default
  /// the folder the template itself is in: a templates folder is a unit, and a template
  /// copied from elsewhere cannot reach past it. `filters` adds the caller's filters to the
  /// engine's own.
  public static func compile(
    path: String, includingFrom folder: String? = nil, filters: TemplateFilterSet = TemplateFilterSet()
  ) throws(TemplateError) -> Template {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TemplateError([
        Diagnostic(file: path, line: 0, column: 0, message: "cannot read the template (check that the file exists)")
      ])
    }
    return try compile(bytes: [UInt8](data), path: path, encoding: nil, includingFrom: folder, filters: filters)
  }

  /// Compiles template text; `path` names it in messages and anchors relative includes,
  /// which stay inside `folder` (by default the folder of `path`); `filters` adds the caller's
  /// filters to the engine's own.
  public static func compile(
    xml: String, path: String, includingFrom folder: String? = nil, filters: TemplateFilterSet = TemplateFilterSet()
  ) throws(TemplateError) -> Template {
    try compile(bytes: Array(xml.utf8), path: path, encoding: "UTF-8", includingFrom: folder, filters: filters)
  }

  private static func compile(
    bytes: [UInt8], path: String, encoding: String?, includingFrom folder: String?, filters: TemplateFilterSet
  ) throws(TemplateError) -> Template {
    let includeFolder = PathResolution.resolved(folder ?? PathResolution.relative(".", to: path))
    let file: TemplateFile
    do {
      file = try TemplateFile(path: path, bytes: bytes, encoding: encoding)
    } catch {
      throw TemplateError(error.diagnostics)
    }
    let lang = file.root.flatMap {
      LibXML2.consume(xmlGetNoNsProp($0, "lang"))
        ?? LibXML2.consume(xmlGetNsProp($0, "lang", "http://www.w3.org/XML/1998/namespace"))
    }
    var html = TemplateCompiler(mode: .html, languageTag: lang, includeFolder: includeFolder, filterSet: filters)
    let htmlProgram = FlatProgram(html.compileDocument(file))
    guard html.diagnostics.isEmpty else { throw TemplateError(unique(html.diagnostics)) }
    var xml = TemplateCompiler(mode: .xml, languageTag: lang, includeFolder: includeFolder, filterSet: filters)
    xml.files = html.files
    let xmlProgram = FlatProgram(xml.compileDocument(file))
    guard xml.diagnostics.isEmpty else { throw TemplateError(unique(xml.diagnostics)) }
    // Values add to the markup; reserving a little more avoids regrowing the buffer mid-render.
    return Template(
      path: path, htmlProgram: htmlProgram, xmlProgram: xmlProgram, slotCount: max(html.slotCount, xml.slotCount),
      sizeHint: max(htmlProgram.markup.count, xmlProgram.markup.count) * 3 / 2 + 256)
  }

  /// This template with the members of `constants` written in where it shows them unfiltered
  /// (`t:text`, `t:attr-*`): for data that is the same on every render, such as a page's words
  /// in one language, which then cost nothing per render. Render the result only with data
  /// whose members of those names are the same values: conditions, loops and filtered uses
  /// still read them from the data.
  public func specialized(with constants: TemplateObject) -> Template {
    Template(
      path: path, htmlProgram: storage.htmlProgram.specialized(constants),
      xmlProgram: storage.xmlProgram.specialized(constants), slotCount: storage.slotCount,
      sizeHint: storage.sizeHint)
  }

  /// The same problem can be met twice (an element reached directly and through an include);
  /// report it once.
  private static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    var seen: [Diagnostic] = []
    for diagnostic in diagnostics where !seen.contains(diagnostic) { seen.append(diagnostic) }
    return seen
  }

  /// Renders any `Encodable` value; its properties are reached by dotted paths.
  public func render<T: Encodable>(_ data: T, mode: OutputMode = .html) throws(TemplateError) -> String {
    try render(value: values(data), mode: mode)
  }

  /// Renders any `Encodable` value into its UTF-8 bytes (see `renderBytes(value:mode:)`).
  public func renderBytes<T: Encodable>(_ data: T, mode: OutputMode = .html) throws(TemplateError) -> [UInt8] {
    try renderBytes(value: values(data), mode: mode)
  }

  /// The value tree of `data`; a value that cannot be encoded is a template error.
  private func values<T: Encodable>(_ data: T) throws(TemplateError) -> TemplateValue {
    do {
      return try TemplateValueEncoding.encode(data)
    } catch {
      throw TemplateError([
        Diagnostic(file: path, line: 0, column: 0, message: "cannot turn the data into template values: \(error)")
      ])
    }
  }

  /// Renders JSON data; `dataPath` names the JSON in messages about it.
  public func render(json: [UInt8], mode: OutputMode = .html, dataPath: String = "data.json") throws(TemplateError)
    -> String
  {
    try render(value: JSONReader.read(json, path: dataPath), mode: mode)
  }

  /// Renders JSON data given as `Data`.
  public func render(json: Data, mode: OutputMode = .html, dataPath: String = "data.json") throws(TemplateError)
    -> String
  {
    try render(json: [UInt8](json), mode: mode, dataPath: dataPath)
  }

  /// Renders a value tree built by the caller.
  public func render(value: TemplateValue, mode: OutputMode = .html) throws(TemplateError) -> String {
    try rendering(value, mode) { $0.makeString() }
  }

  /// Renders a value tree into its UTF-8 bytes: for a caller that writes, hashes or encodes
  /// the document, with no string made (and its UTF-8 checked) on the way.
  public func renderBytes(value: TemplateValue, mode: OutputMode = .html) throws(TemplateError) -> [UInt8] {
    try rendering(value, mode) { $0.makeArray() }
  }

  /// Runs the program for `mode` over `value`; `result` takes what was written out of the
  /// renderer's buffer before it is freed.
  @inline(__always)
  private func rendering<Result>(
    _ value: TemplateValue, _ mode: OutputMode, _ result: (borrowing OutputBuffer) -> Result
  ) throws(TemplateError) -> Result {
    var renderer = TemplateRenderer(data: value, slots: storage.slotCount, capacity: storage.sizeHint)
    renderer.run(mode == .html ? storage.htmlProgram : storage.xmlProgram)
    guard renderer.problems.isEmpty else { throw TemplateError(renderer.problems) }
    return result(renderer.out)
  }
}
