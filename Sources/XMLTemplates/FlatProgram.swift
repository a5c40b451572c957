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

extension FlatProgram {
  /// This program with the values of `constants` written in as markup where it shows them:
  /// every `t:text` and `t:attr-*` whose path starts at a member of `constants` and has no
  /// filter. Each such instruction becomes one `markup` instruction in its place, so jumps keep
  /// their targets; a value missing, not text, or holding a character XML does not allow is
  /// left to the render, which reports it as before. Rendered with data holding the same
  /// `constants`, the output is the same byte for byte.
  func specialized(_ constants: TemplateObject) -> FlatProgram {
    var program = self
    for (pc, instruction) in instructions.enumerated() {
      switch instruction {
      case .text(let index):
        guard let value = Self.constant(expressions[Int(index)], in: constants), let text = value.text,
          let bytes = Self.escaped(text, attribute: false)
        else { continue }
        let (start, end) = program.store(bytes)
        program.instructions[pc] = .markup(start: start, end: end)
      case .attribute(let nameStart, let nameEnd, let index):
        guard let value = Self.constant(expressions[Int(index)], in: constants) else { continue }
        // ` name="`, the value escaped, `"`; nothing for false or empty (as the renderer writes it).
        let name = Array(markup[Int(nameStart)..<Int(nameEnd)])
        var bytes: [UInt8]
        switch value {
        case .bool(false), .string(""):
          bytes = []
        case .bool(true):
          bytes = name + name[1..<(name.count - 2)] + [UInt8(ascii: "\"")]
        default:
          guard let text = value.text, let escaped = Self.escaped(text, attribute: true) else { continue }
          bytes = name + escaped + [UInt8(ascii: "\"")]
        }
        let (start, end) = program.store(bytes)
        program.instructions[pc] = .markup(start: start, end: end)
      default:
        continue
      }
    }
    return program
  }

  /// The present value at the end of an unfiltered path into `constants`; nil otherwise.
  private static func constant(_ expression: RenderExpression, in constants: TemplateObject) -> TemplateValue? {
    guard expression.root == RenderExpression.dataRoot, expression.filters.isEmpty,
      let first = expression.names.first, var value = constants[first]
    else { return nil }
    // Walked as the renderer walks it (`TemplateRenderer.find`).
    for segment in expression.names.indices.dropFirst() {
      switch value {
      case .object(let object):
        guard let next = object[expression.names[segment]] else { return nil }
        value = next
      case .list(let items):
        let index = expression.listIndexes[segment]
        guard index >= 0, index < items.count else { return nil }
        value = items[index]
      default:
        return nil
      }
    }
    return value.isPresent ? value : nil
  }

  /// `text` as the renderer escapes it in text or in an attribute's value; nil when it holds a
  /// character XML does not allow (the render reports that).
  private static func escaped(_ text: String, attribute: Bool) -> [UInt8]? {
    var out = OutputBuffer(capacity: text.utf8.count + 16)
    if attribute {
      Escaping.appendAttribute(text, to: &out)
    } else {
      Escaping.appendText(text, to: &out)
    }
    guard out.forbidden == nil else { return nil }
    return out.makeArray()
  }
}
