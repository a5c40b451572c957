/// How a rendered document is serialized.
public enum OutputMode: Sendable, Hashable, CaseIterable {
  /// HTML5 for people and printers: `<!DOCTYPE html>`, void elements without end tags, no
  /// namespace declarations.
  case html
  /// XML for machine formats: an XML declaration, namespaces kept (except the template's own).
  case xml
}
