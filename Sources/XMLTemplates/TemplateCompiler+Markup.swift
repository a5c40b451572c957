import CLibXML2

extension TemplateCompiler {
  /// Serializes an element's tags, attributes and content in the compiler's output mode.
  mutating func compileMarkup(
    _ element: xmlNodePtr, localName: String, namespace: String?, attributes: TemplateAttributes,
    in file: TemplateFile, location: TemplateLocation, into ops: inout OpList
  ) {
    let prefix = LibXML2.string(element.pointee.ns?.pointee.prefix)
    let qualifiedName = prefix.map { "\($0):\(localName)" } ?? localName
    let isHTMLElement = namespace == nil || namespace == TemplateSyntax.xhtmlNamespace
    let isVoid = mode == .html && isHTMLElement && TemplateSyntax.voidElements.contains(localName)
    let isRawText = mode == .html && isHTMLElement && TemplateSyntax.rawTextElements.contains(localName)
    let hasContent = Self.hasContent(element)

    if isHTMLElement, TemplateSyntax.voidElements.contains(localName), hasContent || attributes.text != nil {
      report(location, "<\(localName)> is a void element in HTML and cannot have content (move the content out)")
    }
    if isRawText, let text = attributes.text {
      report(
        text.location,
        "t:text is not allowed in <\(localName)>: HTML does not escape text there (put the value in an attribute)")
    }
    let text = attributes.text.flatMap { expression($0) }

    let savedNamespaces = outputNamespaces
    defer { outputNamespaces = savedNamespaces }
    let omitTag = attributes.omitTag != nil
    if !omitTag {
      ops.append("<\(qualifiedName)")
      if mode == .xml { declareNamespaces(of: element, into: &ops) }
      compileAttributes(of: element, setting: attributes.setAttributes, in: file, into: &ops)
      if mode == .xml, !hasContent, attributes.text == nil {
        ops.append("/>")
        return
      }
      ops.append(">")
      if isVoid { return }
    }
    if let text {
      ops.append(.text(text))
    } else if attributes.text == nil {
      compileChildren(of: element, in: file, rawText: isRawText, into: &ops)
    }
    if !omitTag { ops.append("</\(qualifiedName)>") }
  }

  /// Whether an element has anything inside it that would be written.
  static func hasContent(_ element: xmlNodePtr) -> Bool {
    var child = element.pointee.children
    while let node = child {
      switch node.pointee.type {
      case XML_ELEMENT_NODE, XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_ENTITY_REF_NODE: return true
      default: child = node.pointee.next
      }
    }
    return false
  }

  /// Static attributes in template order, a `t:attr-NAME` taking the place of a sample
  /// attribute of the same name; new ones follow.
  private mutating func compileAttributes(
    of element: xmlNodePtr, setting: [TemplateAttributes.Entry], in file: TemplateFile, into ops: inout OpList
  ) {
    var pending = setting
    var attribute = element.pointee.properties
    while let current = attribute {
      defer { attribute = current.pointee.next }
      let namespace = LibXML2.string(current.pointee.ns?.pointee.href)
      if namespace == TemplateSyntax.namespace { continue }
      let localName = LibXML2.string(current.pointee.name) ?? ""
      let prefix = LibXML2.string(current.pointee.ns?.pointee.prefix)
      let qualifiedName = prefix.map { "\($0):\(localName)" } ?? localName
      if let index = pending.firstIndex(where: { $0.name == qualifiedName }) {
        compileSetAttribute(pending.remove(at: index), into: &ops)
        continue
      }
      let value = LibXML2.consume(xmlNodeListGetString(file.document.pointer, current.pointee.children, 1)) ?? ""
      ops.append(" \(qualifiedName)=\"")
      ops.append(bytes: Escaping.escaped(value, attribute: true))
      ops.append("\"")
    }
    for entry in pending { compileSetAttribute(entry, into: &ops) }
  }

  private mutating func compileSetAttribute(_ entry: TemplateAttributes.Entry, into ops: inout OpList) {
    guard let value = expression(entry) else { return }
    ops.append(.attribute(name: Array(" \(entry.name)=\"".utf8), value))
  }

  /// Writes the namespace declarations an element needs in the output: its own (except the
  /// template namespace), and any its name or attributes use that the output does not yet
  /// declare, which happens when an element is included from another file.
  private mutating func declareNamespaces(of element: xmlNodePtr, into ops: inout OpList) {
    var declaration = element.pointee.nsDef
    while let current = declaration {
      declare(prefix: LibXML2.string(current.pointee.prefix), uri: LibXML2.string(current.pointee.href), into: &ops)
      declaration = current.pointee.next
    }
    if let namespace = element.pointee.ns {
      declare(prefix: LibXML2.string(namespace.pointee.prefix), uri: LibXML2.string(namespace.pointee.href), into: &ops)
    } else if let inherited = outputNamespaces[""], !inherited.isEmpty {
      declare(prefix: nil, uri: "", into: &ops)
    }
    var attribute = element.pointee.properties
    while let current = attribute {
      if let namespace = current.pointee.ns {
        declare(
          prefix: LibXML2.string(namespace.pointee.prefix), uri: LibXML2.string(namespace.pointee.href), into: &ops)
      }
      attribute = current.pointee.next
    }
  }

  private mutating func declare(prefix: String?, uri: String?, into ops: inout OpList) {
    guard let uri, uri != TemplateSyntax.namespace, prefix != "xml" else { return }
    let key = prefix ?? ""
    if outputNamespaces[key] == uri || (key.isEmpty && uri.isEmpty && outputNamespaces[key] == nil) { return }
    outputNamespaces[key] = uri
    ops.append(prefix.map { " xmlns:\($0)=\"" } ?? " xmlns=\"")
    ops.append(bytes: Escaping.escaped(uri, attribute: true))
    ops.append("\"")
  }
}
