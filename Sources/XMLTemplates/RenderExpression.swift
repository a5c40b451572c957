import Synchronization

/// An expression as the renderer reads it: where its path starts, its segments, and the
/// position of its hints.
final class RenderExpression: Sendable {
  /// The path starts at the top of the data.
  static let dataRoot = -1
  /// The expression is quoted text.
  static let literalRoot = -2

  /// `dataRoot`, `literalRoot`, or the slot of a loop variable.
  let root: Int
  /// The quoted text, for `literalRoot`.
  let literal: String
  /// The member names along the path.
  let names: [String]
  /// Per segment, the list index a decimal segment (`items.0`) stands for, or -1.
  let listIndexes: [Int]
  /// The hint of the first segment; the others follow.
  let firstHint: Int
  /// The filters, in order.
  let filters: [TemplateFilter]
  /// A last filter that writes its result straight into the output of `t:text`, and the
  /// filters before it; `nil` when the last filter is none of date, cpr and upper.
  let directFilter: TemplateFilter?
  let leadingFilters: [TemplateFilter]
  /// The expression as compiled, for messages.
  let compiled: CompiledExpression

  init(_ expression: CompiledExpression, firstHint: Int) {
    compiled = expression
    self.firstHint = firstHint
    filters = expression.filters
    switch expression.source {
    case .data(let path):
      root = Self.dataRoot
      literal = ""
      names = path
    case .local(let slot, let path):
      root = slot
      literal = ""
      names = path
    case .literal(let text):
      root = Self.literalRoot
      literal = text
      names = []
    }
    listIndexes = names.map { name in
      guard let first = name.utf8.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return -1 }
      return Int(name) ?? -1
    }
    switch expression.filters.last {
    case .date?, .text?, .upper?:
      directFilter = expression.filters.last
      leadingFilters = Array(expression.filters.dropLast())
    case .fallback?, nil:
      directFilter = nil
      leadingFilters = expression.filters
    }
  }
}
