/// A value of the wrong kind for a filter.
struct FilterMismatch: Error {
  var expected: String
  /// The form the data should take.
  var format: String
  var found: TemplateValue
}
