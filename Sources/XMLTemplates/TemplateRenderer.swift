/// Runs a compiled program over one data tree, inside one synchronous call.
///
/// A value missing from the data is recorded and rendering goes on, so that one run reports
/// every missing value at once; the caller throws if any were found.
struct TemplateRenderer {
  private struct LoopFrame {
    var items: [TemplateValue]
    var index: Int
    var slot: Int
  }

  private let data: TemplateValue
  private var locals: [TemplateValue]
  private var frames: [LoopFrame] = []
  private(set) var out: [UInt8] = []
  private(set) var problems: [Diagnostic] = []

  init(data: TemplateValue, slots: Int, capacity: Int) {
    self.data = data
    self.locals = Array(repeating: .null, count: slots)
    out.reserveCapacity(capacity)
  }

  mutating func run(_ program: FlatProgram) {
    program.markup.withUnsafeBufferPointer { markup in
      program.instructions.withUnsafeBufferPointer { instructions in
        run(instructions, markup: markup, expressions: program.expressions)
      }
    }
  }

  private mutating func run(
    _ instructions: UnsafeBufferPointer<FlatProgram.Instruction>, markup: UnsafeBufferPointer<UInt8>,
    expressions: [CompiledExpression]
  ) {
    var pc = 0
    while pc < instructions.count {
      switch instructions[pc] {
      case .markup(let start, let end):
        out.append(contentsOf: UnsafeBufferPointer(rebasing: markup[Int(start)..<Int(end)]))
      case .text(let index):
        let expression = expressions[Int(index)]
        guard let value = evaluate(expression) else { break }
        if case .string(let text) = value {
          Escaping.appendText(text, to: &out)
        } else if let text = value.text {
          Escaping.appendText(text, to: &out)
        } else {
          report(expression, "\(expression.pathText) is \(value.kindName), not text (use a path to a single value)")
        }
      case .attribute(let start, let end, let index):
        let expression = expressions[Int(index)]
        guard let value = evaluate(expression) else { break }
        let name = UnsafeBufferPointer(rebasing: markup[Int(start)..<Int(end)])
        switch value {
        case .bool(false), .null, .string(""):
          break
        case .bool(true):
          // ` name="` + `name` + `"`: the attribute's own name as its value, as XHTML writes it.
          out.append(contentsOf: name)
          out.append(contentsOf: UnsafeBufferPointer(rebasing: name[(name.startIndex + 1)..<(name.endIndex - 2)]))
          out.append(UInt8(ascii: "\""))
        default:
          guard let text = value.text else {
            report(expression, "\(expression.pathText) is \(value.kindName), not text (use a path to a single value)")
            break
          }
          out.append(contentsOf: name)
          Escaping.appendAttribute(text, to: &out)
          out.append(UInt8(ascii: "\""))
        }
      case .branch(let index, let expected, let skipTo):
        // A condition is itself the guard for optional data, so a missing value is falsy here.
        let truthy = evaluate(expressions[Int(index)], missingIsError: false)?.isTruthy ?? false
        if truthy != expected {
          pc = Int(skipTo)
          continue
        }
      case .loop(let slot, let index, let end):
        let expression = expressions[Int(index)]
        guard let value = evaluate(expression) else {
          pc = Int(end) + 1
          continue
        }
        guard case .list(let items) = value else {
          report(expression, "\(expression.pathText) is \(value.kindName), not a list (t:each needs a list)")
          pc = Int(end) + 1
          continue
        }
        guard let first = items.first else {
          pc = Int(end) + 1
          continue
        }
        locals[Int(slot)] = first
        frames.append(LoopFrame(items: items, index: 0, slot: Int(slot)))
      case .next(let bodyStart):
        let last = frames.count - 1
        frames[last].index += 1
        if frames[last].index < frames[last].items.count {
          locals[frames[last].slot] = frames[last].items[frames[last].index]
          pc = Int(bodyStart)
          continue
        }
        frames.removeLast()
      }
      pc += 1
    }
  }

  private mutating func report(_ expression: CompiledExpression, _ message: String) {
    let location = expression.location
    problems.append(Diagnostic(file: location.file, line: location.line, column: location.column, message: message))
  }

  private func lookup(_ path: [String], from start: TemplateValue) -> TemplateValue? {
    var current = start
    for segment in path {
      guard let next = current.member(segment) else { return nil }
      current = next
    }
    return current
  }

  /// The value of an expression after its filters; `nil` after recording a problem.
  private mutating func evaluate(_ expression: CompiledExpression, missingIsError: Bool = true) -> TemplateValue? {
    var value: TemplateValue?
    switch expression.source {
    case .literal(let text): value = .string(text)
    case .data(let path): value = lookup(path, from: data)
    case .local(let slot, let path): value = lookup(path, from: locals[slot])
    }
    for filter in expression.filters {
      if case .fallback(let text) = filter {
        if value?.isPresent != true { value = .string(text) }
        continue
      }
      guard let present = value, present.isPresent else { break }
      switch filter.apply(to: present) {
      case .success(let result):
        value = result
      case .failure(let mismatch):
        let shown = mismatch.found.text.map { "'\($0)'" } ?? mismatch.found.kindName
        report(
          expression,
          "\(expression.pathText) is \(shown), not \(mismatch.expected) (the data must give \(mismatch.format))"
        )
        return nil
      }
    }
    if let value, value.isPresent { return value }
    if missingIsError {
      report(
        expression,
        "missing value \(expression.pathText) in the data (add it, or give a fallback with |default:'…')"
      )
    }
    return nil
  }
}
