import CLibXML2
import Foundation

/// A compiled XSD schema (libxml2 `xmlschemas`) that validates XML documents.
///
/// Owns its libxml2 schema and frees it in `deinit`. libxml2 does not promise that one schema
/// may validate on several threads at once, so this class is not `Sendable`: make one per
/// thread or task.
public final class XMLSchema {
  private let pointer: xmlSchemaPtr
  /// The schema file, for messages.
  public let path: String

  /// Reads and compiles the schema at `path`, with the schemas it imports and includes.
  ///
  /// Schema files are trusted (they ship with PostDesk); only the documents validated
  /// against them are untrusted.
  public init(path: String) throws(XMLParseError) {
    _ = LibXML2.initialized
    self.path = path
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw XMLParseError([
        Diagnostic(file: path, line: 0, column: 0, message: "cannot read the schema (check that the path exists)")
      ])
    }
    let collector = ValidationErrorCollector(defaultFile: path)
    guard let context = xmlSchemaNewParserCtxt(path) else {
      throw XMLParseError([Diagnostic(file: path, line: 0, column: 0, message: "cannot read the schema")])
    }
    defer { xmlSchemaFreeParserCtxt(context) }
    // The schema and the files it imports are read only from its own folder.
    let folder = PathResolution.relative(".", to: PathResolution.resolved(path))
    let parsed = withExtendedLifetime(collector) {
      xmlSchemaSetParserStructuredErrors(
        context, collectValidationError, Unmanaged.passUnretained(collector).toOpaque())
      return LibXML2.loading(under: folder) { xmlSchemaParse(context) }
    }
    guard let parsed else {
      let problems =
        collector.diagnostics.isEmpty
        ? [Diagnostic(file: path, line: 0, column: 0, message: "the schema does not compile")] : collector.diagnostics
      throw XMLParseError(problems)
    }
    pointer = parsed
  }

  deinit {
    xmlSchemaFree(pointer)
  }

  /// Validates XML text; returns `line:col: message` per problem, empty when valid.
  ///
  /// The text is parsed with the house options first, so a hostile document is refused
  /// before validation, and its parse errors are returned the same way.
  public func validate(xml: String) -> [String] {
    let document: SafeXMLDocument
    do {
      document = try SafeXMLDocument(xml: xml, path: "document.xml")
    } catch {
      return error.diagnostics.map(\.located)
    }
    return validate(document).map(\.located)
  }

  /// Validates a parsed document; returns one diagnostic per problem, empty when valid.
  public func validate(_ document: SafeXMLDocument) -> [Diagnostic] {
    guard let context = xmlSchemaNewValidCtxt(pointer) else {
      return [Diagnostic(file: document.path, line: 0, column: 0, message: "out of memory")]
    }
    defer { xmlSchemaFreeValidCtxt(context) }
    let collector = ValidationErrorCollector(defaultFile: document.path)
    let result = withExtendedLifetime(collector) {
      xmlSchemaSetValidStructuredErrors(context, collectValidationError, Unmanaged.passUnretained(collector).toOpaque())
      return xmlSchemaValidateDoc(context, document.pointer)
    }
    if result != 0, collector.diagnostics.isEmpty {
      return [Diagnostic(file: document.path, line: 0, column: 0, message: "the document is not valid")]
    }
    return located(collector, in: document)
  }

  /// libxml2 gives validation errors a line but no column; the column of the element's start
  /// tag is recovered from the document's text.
  private func located(_ collector: ValidationErrorCollector, in document: SafeXMLDocument) -> [Diagnostic] {
    guard collector.nodes.contains(where: { $0 != nil }), let root = xmlDocGetRootElement(document.pointer) else {
      return collector.diagnostics
    }
    var order: [xmlNodePtr: Int] = [:]
    var stack = [root]
    while let node = stack.popLast() {
      order[node] = order.count
      var children: [xmlNodePtr] = []
      var child = node.pointee.children
      while let current = child {
        if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
        child = current.pointee.next
      }
      stack.append(contentsOf: children.reversed())
    }
    let tags = SourceScanner(bytes: document.source).tags()
    var result = collector.diagnostics
    for (index, node) in collector.nodes.enumerated() {
      guard let node, let position = order[node], tags.indices.contains(position) else { continue }
      result[index].line = tags[position].position.line
      result[index].column = tags[position].position.column
    }
    return result
  }
}

@available(*, unavailable)
extension XMLSchema: Sendable {}

/// Gathers schema errors; the user data pointer of the C callback is this object itself.
private final class ValidationErrorCollector {
  let defaultFile: String
  var diagnostics: [Diagnostic] = []
  /// The element each diagnostic is about, when libxml2 says, to find its column later.
  var nodes: [xmlNodePtr?] = []

  init(defaultFile: String) {
    self.defaultFile = defaultFile
  }
}

private let collectValidationError: xmlStructuredErrorFunc = { userData, error in
  guard let userData, let error else { return }
  let collector = Unmanaged<ValidationErrorCollector>.fromOpaque(userData).takeUnretainedValue()
  guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
  let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
  let file = error.pointee.file.map { String(cString: $0) } ?? collector.defaultFile
  collector.nodes.append(error.pointee.node?.assumingMemoryBound(to: xmlNode.self))
  collector.diagnostics.append(
    Diagnostic(
      file: file, line: Int(error.pointee.line), column: Int(max(error.pointee.int2, 0)),
      message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
}
