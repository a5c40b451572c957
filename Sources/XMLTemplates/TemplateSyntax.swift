/// The fixed vocabulary of the template language, in one place.
enum TemplateSyntax {
  /// The namespace of template attributes; they and its declaration never reach the output.
  static let namespace = "urn:postdesk:template"
  /// The XHTML namespace, whose void elements HTML mode writes without end tags.
  static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"

  /// The template attributes, without prefix; `attr-NAME` is a family, matched by prefix.
  static let attributes = ["text", "if", "unless", "each", "attr-", "remove", "omit-tag", "include"]
  /// The prefix of the attribute-setting family.
  static let attributePrefix = "attr-"

  /// HTML elements that have no end tag.
  static let voidElements: Set<String> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
  ]
  /// HTML elements whose text is not parsed for markup, so escaping inside them means nothing.
  static let rawTextElements: Set<String> = ["script", "style"]
}

/// Finds the closest known name to a misspelt one, for "did you mean" hints.
enum Suggestion {
  /// The candidate within a small edit distance of `name`, if any.
  static func closest(to name: String, among candidates: [String]) -> String? {
    let limit = max(1, min(3, name.count / 2))
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(Array(name.lowercased()), Array(candidate.lowercased()))
      if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
  }

  /// Levenshtein distance; the names compared are short.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
