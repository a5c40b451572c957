/// A filter from a ``TemplateFilterSet``: text in, text out. A class, so that a render passes
/// one reference along rather than its four parts.
final class TextFilter: Sendable, Equatable {
  let name: String
  let expected: String
  let format: String
  let transform: @Sendable (String) -> String?

  init(name: String, expected: String, format: String, transform: @escaping @Sendable (String) -> String?) {
    self.name = name
    self.expected = expected
    self.format = format
    self.transform = transform
  }

  /// Two filters are the same when they have the same name: a set has one filter of a name.
  static func == (left: TextFilter, right: TextFilter) -> Bool { left.name == right.name }
}
