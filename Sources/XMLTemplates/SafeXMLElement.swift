import CLibXML2

/// An element of a ``SafeXMLDocument``; keeps its document alive while it is used.
public struct SafeXMLElement {
  /// The document that owns the node.
  public let document: SafeXMLDocument
  let node: xmlNodePtr

  init(document: SafeXMLDocument, node: xmlNodePtr) {
    self.document = document
    self.node = node
  }

  /// The element's name without prefix.
  public var localName: String {
    LibXML2.string(node.pointee.name) ?? ""
  }

  /// The element's namespace URI, or `nil` when it is in no namespace.
  public var namespaceURI: String? {
    LibXML2.string(node.pointee.ns?.pointee.href)
  }

  /// The line of the element in its document.
  public var line: Int {
    Int(xmlGetLineNo(node))
  }

  /// The child elements, in document order (text, comments and the like are skipped).
  public var children: [SafeXMLElement] {
    var result: [SafeXMLElement] = []
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE {
        result.append(SafeXMLElement(document: document, node: current))
      }
      child = current.pointee.next
    }
    return result
  }

  /// The child elements with this local name and namespace URI (`nil`: no namespace).
  public func children(named localName: String, namespace: String?) -> [SafeXMLElement] {
    children.filter { $0.localName == localName && $0.namespaceURI == namespace }
  }

  /// The first child element with this local name and namespace URI.
  public func firstChild(named localName: String, namespace: String?) -> SafeXMLElement? {
    children.first { $0.localName == localName && $0.namespaceURI == namespace }
  }

  /// All text and CDATA inside the element, concatenated.
  ///
  /// Entity references are skipped, not expanded: `xmlNodeGetContent` would expand them, and
  /// a document with one large entity referenced many times would then blow up memory here.
  public var text: String {
    var result = ""
    Self.appendText(of: node, to: &result)
    return result
  }

  private static func appendText(of node: xmlNodePtr, to result: inout String) {
    var child = node.pointee.children
    while let current = child {
      switch current.pointee.type {
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        result += LibXML2.string(current.pointee.content) ?? ""
      case XML_ELEMENT_NODE:
        appendText(of: current, to: &result)
      default:
        break
      }
      child = current.pointee.next
    }
  }

  /// The value of an attribute (`namespace` `nil`: an unprefixed attribute).
  public func attribute(_ name: String, namespace: String? = nil) -> String? {
    if let namespace {
      return LibXML2.consume(xmlGetNsProp(node, name, namespace))
    }
    return LibXML2.consume(xmlGetNoNsProp(node, name))
  }
}

@available(*, unavailable)
extension SafeXMLElement: Sendable {}
