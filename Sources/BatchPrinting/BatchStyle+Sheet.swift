import Foundation

/// The style-sheet side of `BatchStyle`: a small CSS reader (statements, selectors, strings,
/// comments) and the cut itself, which keeps a rule only when one of its selectors can match.
extension BatchStyle {
  /// The class and element names the selectors of `sheet` use: `.name` for a class, the
  /// lower-case name for an element (`html` and `body` are always in a letter).
  static func selectorNames(_ sheet: String) -> [String] {
    var parser = Parser(text: Array(stripComments(sheet).utf8))
    var names: [String] = []
    func walk(_ statements: [Statement]) {
      for statement in statements {
        if let nested = statement.nested { walk(nested) }
        guard statement.declarations != nil, !statement.prelude.hasPrefix("@") else { continue }
        for selector in splitTopLevel(statement.prelude) {
          _ = canMatch(selector, classes: [], elements: []) { names.append($0) }
        }
      }
    }
    walk(parser.statements())
    return names
  }

  /// The sheet without comments and spare white space, and without the rules none of whose
  /// selectors can match (a class not in `classes`, an element not in `elements`).
  static func cut(_ sheet: String, classes: Set<String>, elements: Set<String>) -> String {
    var parser = Parser(text: Array(stripComments(sheet).utf8))
    let statements = parser.statements()
    return render(statements, classes: classes, elements: elements)
  }

  /// A statement of a sheet: a prelude (selectors or an at-rule) and its block, either
  /// declarations (raw text) or nested statements.
  struct Statement {
    var prelude: String
    var declarations: String?
    var nested: [Statement]?
  }

  private static func render(_ statements: [Statement], classes: Set<String>, elements: Set<String>) -> String {
    var out = ""
    for statement in statements {
      if let nested = statement.nested {
        let inner = render(nested, classes: classes, elements: elements)
        if !inner.isEmpty { out += "\(statement.prelude){\(inner)}\n" }
      } else if let declarations = statement.declarations {
        if statement.prelude.hasPrefix("@") || canMatch(statement.prelude, classes: classes, elements: elements) {
          out += "\(statement.prelude){\(declarations)}\n"
        }
      } else {
        out += "\(statement.prelude);\n"
      }
    }
    return out
  }

  /// Whether any selector of a selector list could match: every class and element it names
  /// is in the letter. Attribute selectors, pseudo-classes and ids are not judged (kept).
  static func canMatch(
    _ selectors: String, classes: Set<String>, elements: Set<String>, names: (String) -> Void = { _ in }
  ) -> Bool {
    for selector in splitTopLevel(selectors) {
      let collecting = classes.isEmpty && elements.isEmpty
      let bytes = Array(selector.utf8)
      var index = 0
      var possible = true
      var compoundStart = true
      func isName(_ byte: UInt8) -> Bool {
        (97...122).contains(byte) || (65...90).contains(byte) || (48...57).contains(byte) || byte == 45 || byte == 95
          || byte >= 128
      }
      func name(from start: Int) -> (String, Int) {
        var end = start
        while end < bytes.count, isName(bytes[end]) || bytes[end] == 92 { end += bytes[end] == 92 ? 2 : 1 }
        return (String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self), min(end, bytes.count))
      }
      while index < bytes.count, possible || collecting {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: ">"), UInt8(ascii: "+"), UInt8(ascii: "~"):
          compoundStart = true
          index += 1
        case UInt8(ascii: "."):
          let (word, end) = name(from: index + 1)
          // An escaped name is not judged.
          if !word.contains("\\") {
            names("." + word)
            if !classes.contains(word) { possible = false }
          }
          index = end
          compoundStart = false
        case UInt8(ascii: "["):
          index = (bytes[index...].firstIndex(of: UInt8(ascii: "]")) ?? bytes.count - 1) + 1
          compoundStart = false
        case UInt8(ascii: "("):
          var depth = 0
          while index < bytes.count {
            if bytes[index] == UInt8(ascii: "(") { depth += 1 }
            if bytes[index] == UInt8(ascii: ")") { depth -= 1 }
            index += 1
            if depth == 0 { break }
          }
        case UInt8(ascii: ":"), UInt8(ascii: "#"):
          var end = index + 1
          while end < bytes.count, bytes[end] == UInt8(ascii: ":") { end += 1 }
          index = name(from: end).1
          compoundStart = false
        default:
          if compoundStart, isName(byte) {
            let (word, end) = name(from: index)
            names(word.lowercased())
            if !elements.contains(word.lowercased()) { possible = false }
            index = end
          } else {
            index += 1
          }
          compoundStart = false
        }
      }
      if possible { return true }
    }
    return false
  }

  /// Splits at commas outside parentheses, brackets and strings.
  static func splitTopLevel(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    var quote: Character?
    for character in text {
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "(" || character == "[" {
        depth += 1
      } else if character == ")" || character == "]" {
        depth -= 1
      } else if character == ",", depth == 0 {
        parts.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
        continue
      }
      current.append(character)
    }
    parts.append(current.trimmingCharacters(in: .whitespaces))
    return parts
  }

  /// The sheet without `/* … */` comments (strings kept whole).
  static func stripComments(_ sheet: String) -> String {
    let bytes = Array(sheet.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        let end = stringEnd(bytes, index)
        out += bytes[index..<end]
        index = end
      } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
        var end = index + 2
        while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) {
          end += 1
        }
        index = min(bytes.count, end + 2)
        out.append(UInt8(ascii: " "))
      } else {
        out.append(byte)
        index += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The index just after the string starting at `start` (a backslash escapes).
  static func stringEnd(_ bytes: [UInt8], _ start: Int) -> Int {
    let quote = bytes[start]
    var index = start + 1
    while index < bytes.count, bytes[index] != quote {
      index += bytes[index] == 92 ? 2 : 1
    }
    return min(bytes.count, index + 1)
  }

  /// White space collapsed to single spaces outside strings, none next to `{ } ; , :` in
  /// declarations or `{ } ;` elsewhere, trimmed.
  static func squeeze(_ bytes: ArraySlice<UInt8>, declarations: Bool) -> String {
    let tight: Set<UInt8> = declarations ? [123, 125, 59, 44, 58] : [123, 125, 59]
    let array = Array(bytes)
    var out: [UInt8] = []
    out.reserveCapacity(array.count)
    var pendingSpace = false
    var index = 0
    while index < array.count {
      let byte = array[index]
      if byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 12 {
        pendingSpace = true
        index += 1
        continue
      }
      if pendingSpace, let last = out.last, !tight.contains(byte), !tight.contains(last) { out.append(32) }
      pendingSpace = false
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        let end = stringEnd(array, index)
        out += array[index..<end]
        index = end
      } else {
        out.append(byte)
        index += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Reads a sheet (without comments) into statements.
  struct Parser {
    let text: [UInt8]
    var index = 0

    init(text: [UInt8]) { self.text = text }

    mutating func statements() -> [Statement] {
      var out: [Statement] = []
      while true {
        let start = index
        while index < text.count, text[index] != 123, text[index] != 125, text[index] != 59 {
          if text[index] == 34 || text[index] == 39 { index = BatchStyle.stringEnd(text, index) } else { index += 1 }
        }
        let prelude = BatchStyle.squeeze(text[start..<index], declarations: false)
        if index >= text.count || text[index] == 125 {
          if index < text.count { index += 1 }
          return out
        }
        if text[index] == 59 {
          index += 1
          if !prelude.isEmpty { out.append(Statement(prelude: prelude)) }
          continue
        }
        index += 1
        let lower = prelude.lowercased()
        if lower.hasPrefix("@media") || lower.hasPrefix("@supports") || lower.hasPrefix("@layer") {
          out.append(Statement(prelude: prelude, nested: statements()))
        } else {
          // A block of declarations (an @page block may hold margin boxes: kept whole).
          let bodyStart = index
          var depth = 1
          while index < text.count {
            let byte = text[index]
            if byte == 34 || byte == 39 {
              index = BatchStyle.stringEnd(text, index)
              continue
            }
            if byte == 123 { depth += 1 }
            if byte == 125 {
              depth -= 1
              if depth == 0 { break }
            }
            index += 1
          }
          let body = BatchStyle.squeeze(text[bodyStart..<min(index, text.count)], declarations: true)
          if index < text.count { index += 1 }
          out.append(Statement(prelude: prelude, declarations: body))
        }
      }
    }
  }
}
