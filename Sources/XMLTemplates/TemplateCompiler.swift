import CLibXML2

/// Turns a parsed template into a flat program of pre-serialized markup and typed ops, for one
/// output mode. Collects every problem it finds instead of stopping at the first.
struct TemplateCompiler {
  let mode: OutputMode
  /// The document's language, from the root template's `lang`, for the `date` filter.
  let language: DocumentLanguage?
  /// The root template's `lang` as written, to name an unsupported one in messages.
  let languageTag: String?
  var diagnostics: [Diagnostic] = []
  /// Loop variable names; a name's index is its slot at render time.
  var scope: [String] = []
  /// The most slots any nesting of loops needs.
  private(set) var slotCount = 0
  /// Files already parsed in this compilation, by resolved path.
  var files: [String: TemplateFile] = [:]
  /// The includes being compiled, outermost first, to detect cycles.
  var includeStack: [String] = []
  /// Namespace declarations in effect in the output (prefix, "" for the default), XML mode.
  var outputNamespaces: [String: String] = [:]

  /// The folder includes must stay inside, resolved (absolute, symbolic links followed).
  let includeFolder: String

  /// The filters the template's user brought.
  let filterSet: TemplateFilterSet

  init(mode: OutputMode, languageTag: String?, includeFolder: String, filterSet: TemplateFilterSet) {
    self.mode = mode
    self.filterSet = filterSet
    self.includeFolder = includeFolder
    self.languageTag = languageTag
    self.language = languageTag.flatMap(DocumentLanguage.init(lang:))
  }

  mutating func report(_ location: TemplateLocation, _ message: String) {
    diagnostics.append(Diagnostic(file: location.file, line: location.line, column: location.column, message: message))
  }

  /// Compiles a whole document: prolog, root element, final newline.
  mutating func compileDocument(_ file: TemplateFile) -> [TemplateOp] {
    var ops = OpList()
    files[Self.key(for: file.path)] = file
    switch mode {
    case .html: ops.append("<!DOCTYPE html>\n")
    case .xml: ops.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }
    if let root = file.root {
      compileElement(root, in: file, into: &ops)
    }
    ops.append("\n")
    return ops.ops
  }

  /// Compiles the children of an element.
  mutating func compileChildren(of element: xmlNodePtr, in file: TemplateFile, rawText: Bool, into ops: inout OpList) {
    var child = element.pointee.children
    while let node = child {
      defer { child = node.pointee.next }
      let content = LibXML2.string(node.pointee.content) ?? ""
      switch node.pointee.type {
      case XML_ELEMENT_NODE:
        compileElement(node, in: file, into: &ops)
      case XML_TEXT_NODE:
        ops.append(bytes: rawText ? Array(content.utf8) : Escaping.escaped(content, attribute: false))
      case XML_CDATA_SECTION_NODE:
        if mode == .xml {
          ops.append("<![CDATA[\(content)]]>")
        } else {
          ops.append(bytes: rawText ? Array(content.utf8) : Escaping.escaped(content, attribute: false))
        }
      case XML_ENTITY_REF_NODE:
        let name = LibXML2.string(node.pointee.name) ?? ""
        report(
          file.location(of: element),
          "entity reference &\(name); is not allowed in a template (write the character itself, "
            + "or a numeric reference such as &#160;)")
      default:
        // Comments and processing instructions are notes for template authors, not output.
        continue
      }
    }
  }

  /// Compiles one element with its template attributes: loop, conditions, then the element.
  mutating func compileElement(_ element: xmlNodePtr, in file: TemplateFile, into ops: inout OpList) {
    let location = file.location(of: element)
    let localName = LibXML2.string(element.pointee.name) ?? ""
    let namespace = LibXML2.string(element.pointee.ns?.pointee.href)
    if namespace == TemplateSyntax.namespace {
      let prefix = LibXML2.string(element.pointee.ns?.pointee.prefix) ?? "t"
      report(
        location,
        "unknown element \(prefix):\(localName) (the template namespace has attributes only; "
          + "use \(prefix):omit-tag=\"\" on a plain element)")
      return
    }
    let attributes = templateAttributes(of: element, in: file)
    if attributes.remove != nil { return }
    if let include = attributes.include {
      for other in [attributes.text, attributes.omitTag].compactMap({ $0 }) + attributes.setAttributes {
        report(
          other.location,
          "t:\(other.name) has no effect next to t:include, which replaces the whole element "
            + "(move it onto the included element)")
      }
      _ = include
    }

    let scopeDepth = scope.count
    defer { scope.removeLast(scope.count - scopeDepth) }
    var loop: (slot: Int, list: CompiledExpression)?
    if let each = attributes.each, let header = loopHeader(each) {
      scope.append(header.name)
      slotCount = max(slotCount, scope.count)
      loop = (scope.count - 1, header.list)
    }
    let condition = attributes.condition.flatMap { expression($0) }
    let negatedCondition = attributes.negatedCondition.flatMap { expression($0) }

    var body = OpList()
    if let include = attributes.include {
      compileInclude(include, from: file, into: &body)
    } else {
      compileMarkup(
        element, localName: localName, namespace: namespace, attributes: attributes, in: file, location: location,
        into: &body)
    }

    var wrapped = body.ops
    if let negatedCondition { wrapped = [.condition(negatedCondition, expected: false, body: wrapped)] }
    if let condition { wrapped = [.condition(condition, expected: true, body: wrapped)] }
    if let loop { wrapped = [.loop(slot: loop.slot, loop.list, body: wrapped)] }
    for op in wrapped { ops.append(op) }
  }

  /// A stable key for a template file, so that the same file reached by two paths is one file.
  static func key(for path: String) -> String {
    PathResolution.absolute(path)
  }
}
