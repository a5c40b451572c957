import Foundation

/// What the engine reads of an HTML document before printing it: its title and language (for
/// the PDF's metadata, which Chromium takes from the printed page), and the parts that let
/// several documents be printed as one.
struct HTMLDocument {
  let bytes: Data
  let title: String
  let language: String
  /// The `<style>` elements of the head, whole.
  let styles: [String]
  /// The `@page` rules, which must be the same for every document of one print run.
  let pageRules: String
  let bodyAttributes: String
  let body: Substring?

  /// Whether the document prints the same alone and in a run of several: its styles must not
  /// depend on where its pages fall in the run (page counters, `:first`/`:left`/`:right`
  /// pages), nor select its `html` or `body` element by a class or id it has (the run has
  /// one of each, without them).
  let printsInRun: Bool

  init(_ bytes: Data, sheets: inout [String: StyleFacts]) {
    self.bytes = bytes
    let text = [UInt8](bytes)
    let bodyOpen = Self.find("<body", in: text, from: 0)
    let headEnd = bodyOpen ?? text.count
    title = Self.unescape(Self.content(of: "title", in: text, before: headEnd) ?? "")
    language = Self.attribute("lang", ofFirst: "html", in: text, before: headEnd) ?? ""
    styles = Self.elements("style", in: text, before: headEnd)
    let sheet = styles.joined(separator: "\n")
    let facts = sheets[sheet] ?? StyleFacts(sheet)
    sheets[sheet] = facts
    pageRules = facts.pageRules
    var parts: (attributes: String, body: Substring)?
    if let bodyOpen, let openEnd = text[bodyOpen...].firstIndex(of: UInt8(ascii: ">")),
      let close = Self.findLast("</body>", in: text), close > openEnd
    {
      parts = (
        String(decoding: text[(bodyOpen + 5)..<openEnd], as: UTF8.self),
        String(decoding: text[(openEnd + 1)..<close], as: UTF8.self)[...]
      )
    }
    bodyAttributes = parts?.attributes ?? ""
    body = parts?.body
    // A run has one html and one body element, without this document's classes or id.
    let htmlAttributes = Self.attributes(ofFirst: "html", in: text, before: headEnd)
    let markedRoot = [bodyAttributes, htmlAttributes].contains {
      $0.range(of: #"\s(class|id)\s*="#, options: .regularExpression) != nil
    }
    printsInRun =
      body != nil && !facts.pageDependent && !(markedRoot && facts.rootSelected)
      && Self.find("<script", in: text, from: 0) == nil
  }

  /// One HTML document holding `documents`, each from a new page, each marked by an anchor
  /// (`id` and a link to it) that Chromium keeps as a named destination on its first page.
  static func run(_ documents: [HTMLDocument], anchor: (Int) -> String) -> Data {
    var seen = Set<String>()
    var html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title></title>\n"
    for style in documents.flatMap(\.styles) where seen.insert(style).inserted { html += style + "\n" }
    html += "</head><body>\n"
    for (index, document) in documents.enumerated() {
      let name = anchor(index)
      let language = document.language.isEmpty ? "" : " lang=\"\(document.language)\""
      let classes = attribute("class", in: document.bodyAttributes).map { " class=\"\($0)\"" } ?? ""
      html += "<div id=\"\(name)\"\(language)\(classes) style=\"break-before: page\"><a href=\"#\(name)\"></a>"
      html += document.body ?? ""
      html += "</div>\n"
    }
    html += "</body></html>\n"
    return Data(html.utf8)
  }

  /// The first place of `needle` (ASCII, any case) in `text` from `start`.
  static func find(_ needle: String, in text: [UInt8], from start: Int, before end: Int? = nil) -> Int? {
    let pattern = Array(needle.lowercased().utf8)
    let limit = (end ?? text.count) - pattern.count
    guard let first = pattern.first, start <= limit else { return nil }
    var index = start
    while index <= limit {
      if text[index] | 0x20 == first | 0x20 || text[index] == first {
        var matched = true
        for offset in 1..<pattern.count {
          let byte = text[index + offset]
          let lower = byte >= 65 && byte <= 90 ? byte | 0x20 : byte
          if lower != pattern[offset] {
            matched = false
            break
          }
        }
        if matched { return index }
      }
      index += 1
    }
    return nil
  }

  private static func findLast(_ needle: String, in text: [UInt8]) -> Int? {
    var found: Int?
    var from = 0
    while let next = find(needle, in: text, from: from) {
      found = next
      from = next + 1
    }
    return found
  }

  private static func content(of element: String, in text: [UInt8], before end: Int) -> String? {
    guard let open = find("<\(element)", in: text, from: 0, before: end),
      let start = text[open..<end].firstIndex(of: UInt8(ascii: ">")),
      let close = find("</\(element)>", in: text, from: start, before: end)
    else { return nil }
    return String(decoding: text[(start + 1)..<close], as: UTF8.self)
  }

  private static func elements(_ element: String, in text: [UInt8], before end: Int) -> [String] {
    var found: [String] = []
    var from = 0
    let closing = "</\(element)>"
    while let open = find("<\(element)", in: text, from: from, before: end),
      let close = find(closing, in: text, from: open, before: end)
    {
      found.append(String(decoding: text[open..<(close + closing.utf8.count)], as: UTF8.self))
      from = close + closing.utf8.count
    }
    return found
  }

  private static func attributes(ofFirst element: String, in text: [UInt8], before end: Int) -> String {
    guard let open = find("<\(element)", in: text, from: 0, before: end),
      let close = text[open..<end].firstIndex(of: UInt8(ascii: ">"))
    else { return "" }
    return String(decoding: text[(open + element.utf8.count + 1)..<close], as: UTF8.self)
  }

  private static func attribute(_ name: String, ofFirst element: String, in text: [UInt8], before end: Int) -> String? {
    attribute(name, in: attributes(ofFirst: element, in: text, before: end))
  }

  static func attribute(_ name: String, in attributes: String) -> String? {
    guard let match = attributes.range(of: #"\s\#(name)\s*=\s*"[^"]*""#, options: .regularExpression) else {
      return nil
    }
    let value = attributes[match].drop { $0 != "\"" }.dropFirst().dropLast()
    return String(value)
  }

  /// The `@page` blocks of a style sheet, braces balanced.
  static func pageRules(in sheet: String) -> String {
    var rules = ""
    var rest = sheet[...]
    while let start = rest.range(of: "@page") {
      var depth = 0
      var index = start.lowerBound
      scan: while index < rest.endIndex {
        switch rest[index] {
        case "{": depth += 1
        case "}":
          depth -= 1
          if depth == 0 { break scan }
        default: break
        }
        index = rest.index(after: index)
      }
      let end = index < rest.endIndex ? rest.index(after: index) : index
      rules += rest[start.lowerBound..<end] + "\n"
      rest = rest[end...]
    }
    return rules
  }

  private static func unescape(_ text: String) -> String {
    var result = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard result.contains("&") else { return result }
    for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'")] {
      result = result.replacingOccurrences(of: entity, with: character)
    }
    if let numeric = try? Regex(#"&#(x?)([0-9A-Fa-f]+);"#) {
      result = result.replacing(numeric) { match in
        let hex = match.output[1].substring?.isEmpty == false
        let value = match.output[2].substring.flatMap { UInt32($0, radix: hex ? 16 : 10) }
        return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
          ?? String(match.output[0].substring ?? "")
      }
    }
    return result.replacingOccurrences(of: "&amp;", with: "&")
  }
}
