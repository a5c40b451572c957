/// Where a compiled template construct came from, for render-time errors.
struct TemplateLocation: Sendable, Equatable {
  var file: String
  var line: Int
  var column: Int
}

/// An expression resolved at compile time: loop variables are slots, filters are checked.
struct CompiledExpression: Sendable {
  /// Where the value comes from.
  enum Source: Sendable {
    /// A path from the top of the data.
    case data([String])
    /// A path from a loop variable, by slot.
    case local(slot: Int, [String])
    /// Quoted text.
    case literal(String)
  }

  var source: Source
  var filters: [TemplateFilter]
  /// The expression as written, for messages.
  var text: String
  var location: TemplateLocation

  /// The path as written, for "missing value" messages.
  var pathText: String {
    switch source {
    case .data(let path): return path.joined(separator: ".")
    case .local(_, let path): return path.joined(separator: ".")
    case .literal(let text): return "'\(text)'"
    }
  }
}

/// One step of a compiled template. Values only ever reach the output through `text` and
/// `attribute`, which escape them, so escaping holds by construction.
indirect enum TemplateOp: Sendable {
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
