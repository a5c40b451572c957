import Synchronization

/// A compiled template as the renderer runs it: one buffer of pre-serialized markup, a flat
/// list of instructions with jump targets, and the expressions they name by index.
///
/// Instructions carry only integers, so stepping through them costs no reference counting;
/// markup is copied from slices of one contiguous buffer.
struct FlatProgram: Sendable {
  /// One step; every payload is a plain integer or flag.
  enum Instruction: Sendable {
    /// Copy `markup[start..<end]`.
    case markup(start: Int32, end: Int32)
    /// Write the value of an expression as escaped text.
    case text(expression: Int32)
    /// Write `markup[start..<end]` (` name="`), the escaped value and `"`, unless the value is
    /// false or empty.
    case attribute(start: Int32, end: Int32, expression: Int32)
    /// Go on when the expression's truthiness is `expected`, else jump to `skipTo`.
    case branch(expression: Int32, expected: Bool, skipTo: Int32)
    /// Start a loop over a list, binding each item to `slot`; an empty list jumps past `end`,
    /// the index of the loop's `next`.
    case loop(slot: Int32, expression: Int32, end: Int32)
    /// Bind the next item and jump back to `bodyStart`, or leave the loop.
    case next(bodyStart: Int32)
  }

  private(set) var instructions: [Instruction] = []
  private(set) var markup: [UInt8] = []
  private(set) var expressions: [RenderExpression] = []
  /// One look-up hint per path segment of every expression.
  let hints: LookupHints

  /// Flattens a tree of ops.
  init(_ ops: [TemplateOp]) {
    var segments = 0
    Self.countSegments(ops, into: &segments)
    hints = LookupHints(count: segments)
    var nextHint = 0
    append(ops, nextHint: &nextHint)
  }

  private static func countSegments(_ ops: [TemplateOp], into count: inout Int) {
    for op in ops {
      switch op {
      case .bytes: break
      case .text(let expression), .attribute(_, let expression): count += expression.segmentCount
      case .condition(let expression, _, let body), .loop(_, let expression, let body):
        count += expression.segmentCount
        countSegments(body, into: &count)
      }
    }
  }

  private mutating func index(of expression: CompiledExpression, nextHint: inout Int) -> Int32 {
    expressions.append(RenderExpression(expression, firstHint: nextHint))
    nextHint += expression.segmentCount
    return Int32(expressions.count - 1)
  }

  private mutating func store(_ bytes: [UInt8]) -> (Int32, Int32) {
    let start = markup.count
    markup.append(contentsOf: bytes)
    return (Int32(start), Int32(markup.count))
  }

  private mutating func append(_ ops: [TemplateOp], nextHint: inout Int) {
    for op in ops {
      switch op {
      case .bytes(let bytes):
        let (start, end) = store(bytes)
        instructions.append(.markup(start: start, end: end))
      case .text(let expression):
        instructions.append(.text(expression: index(of: expression, nextHint: &nextHint)))
      case .attribute(let name, let expression):
        let (start, end) = store(name)
        instructions.append(
          .attribute(start: start, end: end, expression: index(of: expression, nextHint: &nextHint)))
      case .condition(let expression, let expected, let body):
        let at = instructions.count
        let expressionIndex = index(of: expression, nextHint: &nextHint)
        instructions.append(.branch(expression: expressionIndex, expected: expected, skipTo: 0))
        append(body, nextHint: &nextHint)
        instructions[at] = .branch(expression: expressionIndex, expected: expected, skipTo: Int32(instructions.count))
      case .loop(let slot, let expression, let body):
        let at = instructions.count
        let expressionIndex = index(of: expression, nextHint: &nextHint)
        instructions.append(.loop(slot: Int32(slot), expression: expressionIndex, end: 0))
        append(body, nextHint: &nextHint)
        instructions.append(.next(bodyStart: Int32(at + 1)))
        instructions[at] = .loop(slot: Int32(slot), expression: expressionIndex, end: Int32(instructions.count - 1))
      }
    }
  }
}

extension CompiledExpression {
  /// How many path segments the renderer looks up for this expression.
  var segmentCount: Int {
    switch source {
    case .data(let path), .local(_, let path): return path.count
    case .literal: return 0
    }
  }
}
