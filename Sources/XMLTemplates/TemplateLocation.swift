/// Where a compiled template construct came from, for render-time errors.
struct TemplateLocation: Sendable, Equatable {
  var file: String
  var line: Int
  var column: Int
}
