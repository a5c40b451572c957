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
