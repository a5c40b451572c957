import CLibXML2

/// The template attributes of one element, read and checked.
struct TemplateAttributes {
  /// A template attribute's value and where it was written.
  struct Entry {
    var name: String
    var value: String
    var location: TemplateLocation
  }

  var text: Entry?
  var condition: Entry?
  var negatedCondition: Entry?
  var each: Entry?
  var remove: Entry?
  var omitTag: Entry?
  var include: Entry?
  /// `t:attr-NAME` entries; `name` is the NAME that gets set.
  var setAttributes: [Entry] = []

  var isEmpty: Bool {
    text == nil && condition == nil && negatedCondition == nil && each == nil && remove == nil && omitTag == nil
      && include == nil && setAttributes.isEmpty
  }
}

extension TemplateCompiler {
  /// Reads the `t:` attributes of an element, reporting unknown ones with a suggestion.
  mutating func templateAttributes(of element: xmlNodePtr, in file: TemplateFile) -> TemplateAttributes {
    var result = TemplateAttributes()
    var attribute = element.pointee.properties
    while let current = attribute {
      defer { attribute = current.pointee.next }
      guard let namespace = current.pointee.ns, LibXML2.string(namespace.pointee.href) == TemplateSyntax.namespace
      else { continue }
      let prefix = LibXML2.string(namespace.pointee.prefix) ?? "t"
      let name = LibXML2.string(current.pointee.name) ?? ""
      let written = "\(prefix):\(name)"
      let value = LibXML2.consume(xmlNodeListGetString(file.document.pointer, current.pointee.children, 1)) ?? ""
      let entry = TemplateAttributes.Entry(
        name: name, value: value, location: file.location(ofAttribute: written, in: element))
      switch name {
      case "text": result.text = entry
      case "if": result.condition = entry
      case "unless": result.negatedCondition = entry
      case "each": result.each = entry
      case "remove": result.remove = entry
      case "omit-tag": result.omitTag = entry
      case "include": result.include = entry
      default:
        if name.hasPrefix(TemplateSyntax.attributePrefix), name.count > TemplateSyntax.attributePrefix.count {
          var set = entry
          set.name = String(name.dropFirst(TemplateSyntax.attributePrefix.count))
          if set.name == "xmlns" || set.name.hasPrefix("xmlns:") {
            report(entry.location, "\(written) cannot set a namespace declaration (declare it in the template)")
          } else {
            result.setAttributes.append(set)
          }
        } else {
          report(entry.location, unknownAttributeMessage(written: written, name: name, prefix: prefix))
        }
      }
    }
    for flag in [result.remove, result.omitTag].compactMap({ $0 }) where !flag.value.isEmpty {
      report(flag.location, "t:\(flag.name) takes no value (write t:\(flag.name)=\"\")")
    }
    return result
  }

  private func unknownAttributeMessage(written: String, name: String, prefix: String) -> String {
    let known = TemplateSyntax.attributes.map { $0 == TemplateSyntax.attributePrefix ? "attr-NAME" : $0 }
    if name == "attr" || name == "attr-" {
      return "unknown attribute \(written) (write \(prefix):attr-NAME to set the attribute NAME)"
    }
    if let suggestion = Suggestion.closest(to: name, among: known.filter { $0 != "attr-NAME" }) {
      return "unknown attribute \(written) (did you mean \(prefix):\(suggestion)?)"
    }
    if name.hasPrefix("attr"), name.count > 4 {
      return "unknown attribute \(written) (did you mean \(prefix):attr-\(name.dropFirst(4))?)"
    }
    let list = known.map { "\(prefix):\($0)" }.joined(separator: ", ")
    return "unknown attribute \(written) (the template attributes are \(list))"
  }

  /// Compiles an expression in the current scope of loop variables; `nil` after reporting.
  mutating func expression(_ entry: TemplateAttributes.Entry) -> CompiledExpression? {
    expression(entry.value, attribute: "t:\(entry.name)", at: entry.location)
  }

  /// Compiles expression text written in `attribute` at `location`.
  mutating func expression(_ text: String, attribute: String, at location: TemplateLocation) -> CompiledExpression? {
    let parsed: ParsedExpression
    switch ParsedExpression.parse(text) {
    case .success(let expression): parsed = expression
    case .failure(let error):
      report(location, "bad expression \"\(text)\" in \(attribute): \(error.message)")
      return nil
    }
    var filters: [TemplateFilter] = []
    var valid = true
    for call in parsed.filters {
      if let filter = filterSet.filters[call.name], call.argument == nil {
        filters.append(.text(filter))
        continue
      }
      switch (call.name, call.argument) {
      case ("upper", nil): filters.append(.upper)
      case ("default", let argument?): filters.append(.fallback(argument))
      case ("default", nil):
        report(location, "the default filter needs a text in \"\(text)\" (write default:'text')")
        valid = false
      case ("date", nil):
        if let language {
          filters.append(.date(language))
        } else if let languageTag {
          report(
            location,
            "the date filter writes da and en, not lang=\"\(languageTag)\" in \"\(text)\" "
              + "(set lang=\"da\" or lang=\"en\" on the root element)")
          valid = false
        } else {
          report(
            location,
            "the date filter needs the document's language in \"\(text)\" (add lang=\"da\" or lang=\"en\" "
              + "to the root element)")
          valid = false
        }
      case ("upper", _?), ("date", _?),
        (_, _?) where filterSet.filters[call.name] != nil:
        report(location, "the \(call.name) filter takes no argument in \"\(text)\" (write |\(call.name))")
        valid = false
      default:
        let names = filterSet.names
        let hint =
          Suggestion.closest(to: call.name, among: names).map { "did you mean \($0)?" }
          ?? "the filters are \(names.joined(separator: ", "))"
        report(location, "unknown filter \(call.name) in \"\(text)\" (\(hint))")
        valid = false
      }
    }
    guard valid else { return nil }
    let source: CompiledExpression.Source
    switch parsed.source {
    case .literal(let literal): source = .literal(literal)
    case .path(let path):
      if let slot = scope.lastIndex(of: path[0]) {
        source = .local(slot: slot, Array(path.dropFirst()))
      } else {
        source = .data(path)
      }
    }
    let pathText: String
    switch parsed.source {
    case .literal(let literal): pathText = "'\(literal)'"
    case .path(let path): pathText = path.joined(separator: ".")
    }
    return CompiledExpression(source: source, filters: filters, pathText: pathText, location: location)
  }

  /// Reads `NAME in EXPR` of `t:each`; `nil` after reporting.
  mutating func loopHeader(_ entry: TemplateAttributes.Entry) -> (name: String, list: CompiledExpression)? {
    let parts = entry.value.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    guard parts.count == 3, parts[1] == "in", let first = parts[0].unicodeScalars.first,
      first == "_" || first.properties.isAlphabetic,
      parts[0].unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    else {
      report(
        entry.location,
        "bad t:each \"\(entry.value)\" (write t:each=\"NAME in LIST\", for example t:each=\"child in children\")")
      return nil
    }
    guard let list = expression(String(parts[2]), attribute: "t:each", at: entry.location) else { return nil }
    return (String(parts[0]), list)
  }
}
