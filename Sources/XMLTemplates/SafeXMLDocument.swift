import CLibXML2
import Foundation

/// A parsed XML document from an untrusted source, parsed with the house options so that
/// external entities are never read and entity bombs fail.
///
/// Owns its libxml2 document and frees it in `deinit`. A libxml2 document must be used by one
/// thread at a time, so this class is not `Sendable`.
public final class SafeXMLDocument {
  /// The libxml2 document this object owns.
  let pointer: xmlDocPtr
  /// The name used in diagnostics, as the caller gave it.
  public let path: String
  /// The text parsed, kept to locate later errors (libxml2 keeps no columns per node).
  let source: [UInt8]

  /// Takes ownership of a parsed document.
  init(adopting pointer: xmlDocPtr, path: String, source: [UInt8]) {
    self.pointer = pointer
    self.path = path
    self.source = source
  }

  deinit {
    xmlFreeDoc(pointer)
  }

  /// Parses XML text; `path` only names the document in diagnostics.
  public convenience init(xml: String, path: String = "document.xml") throws(XMLParseError) {
    let bytes = Array(xml.utf8)
    let parsed = Self.parse(bytes: bytes, path: path, encoding: "UTF-8")
    self.init(adopting: try parsed.get(), path: path, source: bytes)
  }

  /// Reads and parses an XML file.
  public convenience init(path: String) throws(XMLParseError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw XMLParseError([
        Diagnostic(file: path, line: 0, column: 0, message: "cannot read the file (check that the path exists)")
      ])
    }
    let bytes = [UInt8](data)
    let parsed = Self.parse(bytes: bytes, path: path, encoding: nil)
    self.init(adopting: try parsed.get(), path: path, source: bytes)
  }

  /// The first reference to a declared entity left in the document, with its line: the house
  /// options never expand entities, so the text of such a reference is not in the document's
  /// text at all. nil when there is none (XML's five predefined entities are no such reference).
  public var firstEntityReference: (name: String, line: Int)? {
    var stack: [xmlNodePtr] = []
    if let root = xmlDocGetRootElement(pointer) { stack.append(root) }
    while let node = stack.popLast() {
      if node.pointee.type == XML_ENTITY_REF_NODE {
        return (LibXML2.string(node.pointee.name) ?? "", Int(xmlGetLineNo(node)))
      }
      guard node.pointee.type == XML_ELEMENT_NODE else { continue }
      var child = node.pointee.last
      while let current = child {
        stack.append(current)
        child = current.pointee.prev
      }
    }
    return nil
  }

  /// The document's root element, if it has one.
  public var root: SafeXMLElement? {
    guard let node = xmlDocGetRootElement(pointer) else { return nil }
    return SafeXMLElement(document: self, node: node)
  }

  /// Parses with a fresh parser context whose structured error handler collects every error
  /// with its line and column, not just the last one libxml2 remembers.
  static func parse(bytes: [UInt8], path: String, encoding: String?) -> Result<xmlDocPtr, XMLParseError> {
    _ = LibXML2.initialized
    guard let context = xmlNewParserCtxt() else {
      return .failure(XMLParseError([Diagnostic(file: path, line: 0, column: 0, message: "out of memory")]))
    }
    defer { xmlFreeParserCtxt(context) }
    let collector = ParseErrorCollector(path: path)
    context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
    postdesk_setStructuredErrorHandler(context, collectParseError)
    let document = withExtendedLifetime(collector) {
      bytes.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { base in
          xmlCtxtReadMemory(context, base, Int32(buffer.count), path, encoding, LibXML2.parseOptions)
        }
      }
    }
    context.pointee._private = nil
    if collector.diagnostics.isEmpty, let document {
      return .success(document)
    }
    if let document { xmlFreeDoc(document) }
    if collector.diagnostics.isEmpty {
      collector.diagnostics.append(
        Diagnostic(file: path, line: 0, column: 0, message: "libxml2 could not parse the document")
      )
    }
    return .failure(XMLParseError(collector.diagnostics))
  }
}

@available(*, unavailable)
extension SafeXMLDocument: Sendable {}

/// Gathers the errors of one parse; lives only for the duration of that parse.
private final class ParseErrorCollector {
  let path: String
  var diagnostics: [Diagnostic] = []

  init(path: String) {
    self.path = path
  }

  func add(_ error: xmlError) {
    // Warnings (for example a relative namespace URI) do not stop a parse.
    guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    var message =
      LibXML2.string(error.message.map { UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self) })
      .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unknown error"
    message = Self.mend(message, code: Int(error.code))
    let diagnostic = Diagnostic(file: path, line: Int(error.line), column: Int(max(error.int2, 0)), message: message)
    // The entity loop check reports once per nested entity, at positions inside the entity
    // text; the last report is at the reference in the document itself, so keep that one.
    if error.code == Int32(XML_ERR_ENTITY_LOOP.rawValue),
      let earlier = diagnostics.firstIndex(where: { $0.message == message })
    {
      diagnostics[earlier] = diagnostic
    } else {
      diagnostics.append(diagnostic)
    }
  }

  /// Adds a hint to the libxml2 messages a template author meets most and cannot act on alone.
  static func mend(_ message: String, code: Int) -> String {
    switch code {
    case Int(XML_ERR_ENTITY_LOOP.rawValue):
      return "\(message): entity expansion refused (the document defines entities that expand too much; remove them)"
    case Int(XML_ERR_UNDECLARED_ENTITY.rawValue):
      return "\(message) (write the character itself, or a numeric reference such as &#160;)"
    case Int(XML_ERR_TAG_NAME_MISMATCH.rawValue):
      return "\(message) (close every element in the order it was opened)"
    default:
      return message
    }
  }
}

/// The C callback: the parser passes its context as user data, and the context carries the
/// collector in `_private`, so no global state is shared between parses on different threads.
private let collectParseError: xmlStructuredErrorFunc = { userData, error in
  guard let userData, let error else { return }
  let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
  guard let collector = context.pointee._private else { return }
  Unmanaged<ParseErrorCollector>.fromOpaque(collector).takeUnretainedValue().add(error.pointee)
}
