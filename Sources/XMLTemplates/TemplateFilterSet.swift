/// The filters a template's user brings to the engine, given when the template is compiled:
/// `{value|name}` turns a present text into another text. The engine's own filters (`date`,
/// `upper`, `default`) are always there; these add to them, so the engine needs to know nothing
/// of the texts its users handle (PostDesk brings `cpr`, from the domain's CPR rules).
public struct TemplateFilterSet: Sendable {
  /// The filters, by name.
  private(set) var filters: [String: TextFilter] = [:]

  /// No filters but the engine's own.
  public init() {}

  /// The set with a filter `name` added (a name the engine or the set already has is a
  /// programming error). `transform` gets the value's text and gives the result, or `nil` when
  /// the text does not fit: the render then reports the value, saying that it is not `expected`
  /// and that the data must give `format` (`"a CPR number"`, `"DDMMYY-SSSS or 10 digits"`).
  public func adding(
    _ name: String, expected: String, format: String, _ transform: @escaping @Sendable (String) -> String?
  ) -> TemplateFilterSet {
    precondition(!TemplateFilter.names.contains(name), "the engine has a filter \(name) of its own")
    precondition(filters[name] == nil, "the filter \(name) is given twice")
    var set = self
    set.filters[name] = TextFilter(name: name, expected: expected, format: format, transform: transform)
    return set
  }

  /// Every filter name a template may use, the engine's and the set's, in order.
  var names: [String] { TemplateFilter.names + filters.keys.sorted() }
}
