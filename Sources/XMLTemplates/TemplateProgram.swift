/// Where a compiled template construct came from, for render-time errors.
struct TemplateLocation: Sendable, Equatable {
  var file: String
  var line: Int
  var column: Int
}

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

/// One step of a compiled template. Values only ever reach the output through `text` and
/// `attribute`, which escape them, so escaping holds by construction.
enum TemplateOp: Sendable {
  /// Pre-serialized markup, written as is.
  case bytes([UInt8])
  /// A value written as escaped text.
  case text(CompiledExpression)
  /// ` name="value"` with the value escaped; left out when the value is false or empty.
  case attribute(name: [UInt8], CompiledExpression)
  /// The body when the expression is truthy (`expected` true) or falsy (`expected` false).
  case condition(CompiledExpression, expected: Bool, body: [TemplateOp])
  /// The body once per item of a list, the item bound to a slot.
  case loop(slot: Int, CompiledExpression, body: [TemplateOp])
}

/// A list of ops that merges consecutive static markup into one chunk as it grows.
struct OpList {
  var ops: [TemplateOp] = []

  mutating func append(bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    if case .bytes(let previous) = ops.last {
      ops[ops.count - 1] = .bytes(previous + bytes)
    } else {
      ops.append(.bytes(bytes))
    }
  }

  mutating func append(_ text: String) {
    append(bytes: Array(text.utf8))
  }

  mutating func append(_ op: TemplateOp) {
    if case .bytes(let bytes) = op {
      append(bytes: bytes)
    } else {
      ops.append(op)
    }
  }

  mutating func append(contentsOf list: OpList) {
    for op in list.ops { append(op) }
  }
}
