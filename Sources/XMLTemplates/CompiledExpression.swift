/// An expression resolved at compile time: loop variables are slots, filters are checked.
///
/// A class, so that the ops that use it share one reference instead of copying its fields
/// (and retaining each of them) on every render.
final class CompiledExpression: Sendable {
  /// Where the value comes from.
  enum Source: Sendable {
    /// A path from the top of the data.
    case data([String])
    /// A path from a loop variable, by slot.
    case local(slot: Int, [String])
    /// Quoted text.
    case literal(String)
  }

  let source: Source
  let filters: [TemplateFilter]
  /// The path or literal as written, for messages ("recipient.name").
  let pathText: String
  let location: TemplateLocation

  init(source: Source, filters: [TemplateFilter], pathText: String, location: TemplateLocation) {
    self.source = source
    self.filters = filters
    self.pathText = pathText
    self.location = location
  }
}
