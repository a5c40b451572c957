import CLibXML2
import Foundation

/// One template file parsed for compilation: its libxml2 document and where each element,
/// attribute and `id` is.
final class TemplateFile {
  /// The path as shown in messages.
  let path: String
  let document: SafeXMLDocument
  private let tags: [SourceScanner.Tag]
  private var elementIndex: [xmlNodePtr: Int] = [:]
  /// Elements by their `id` (or `xml:id`), for `t:include="FILE#ID"`.
  private(set) var ids: [String: xmlNodePtr] = [:]

  init(path: String, bytes: [UInt8], encoding: String?) throws(XMLParseError) {
    self.path = path
    let pointer = try SafeXMLDocument.parse(bytes: bytes, path: path, encoding: encoding).get()
    document = SafeXMLDocument(adopting: pointer, path: path, source: bytes)
    tags = SourceScanner(bytes: bytes).tags()
    if let root = xmlDocGetRootElement(document.pointer) { index(root) }
  }

  /// Reads and parses a template file.
  static func load(path: String) throws(XMLParseError) -> TemplateFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw XMLParseError([
        Diagnostic(file: path, line: 0, column: 0, message: "cannot read the template (check that the file exists)")
      ])
    }
    return try TemplateFile(path: path, bytes: [UInt8](data), encoding: nil)
  }

  private func index(_ element: xmlNodePtr) {
    elementIndex[element] = elementIndex.count
    if let id = LibXML2.consume(xmlGetNoNsProp(element, "id"))
      ?? LibXML2.consume(xmlGetNsProp(element, "id", "http://www.w3.org/XML/1998/namespace")),
      ids[id] == nil
    {
      ids[id] = element
    }
    var child = element.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE { index(current) }
      child = current.pointee.next
    }
  }

  /// The root element.
  var root: xmlNodePtr? {
    xmlDocGetRootElement(document.pointer)
  }

  /// Where an element's start tag begins.
  func location(of element: xmlNodePtr) -> TemplateLocation {
    guard let index = elementIndex[element], tags.indices.contains(index) else {
      return TemplateLocation(file: path, line: Int(xmlGetLineNo(element)), column: 1)
    }
    let position = tags[index].position
    return TemplateLocation(file: path, line: position.line, column: position.column)
  }

  /// Where an attribute's name begins, given its name as written (`t:if`).
  func location(ofAttribute name: String, in element: xmlNodePtr) -> TemplateLocation {
    guard let index = elementIndex[element], tags.indices.contains(index),
      let position = tags[index].attributes[name]
    else { return location(of: element) }
    return TemplateLocation(file: path, line: position.line, column: position.column)
  }
}
