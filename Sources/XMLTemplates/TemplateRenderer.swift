/// Runs a compiled program over one data tree, inside one synchronous call.
///
/// A value missing from the data is recorded and rendering goes on, so that one run reports
/// every missing value at once; the caller throws if any were found.
struct TemplateRenderer {
  private let data: TemplateValue
  private var locals: [TemplateValue]
  private(set) var out: [UInt8] = []
  private(set) var problems: [Diagnostic] = []

  init(data: TemplateValue, slots: Int, capacity: Int) {
    self.data = data
    self.locals = Array(repeating: .null, count: slots)
    out.reserveCapacity(capacity)
  }

  mutating func run(_ ops: [TemplateOp]) {
    for op in ops {
      switch op {
      case .bytes(let bytes):
        out.append(contentsOf: bytes)
      case .text(let expression):
        guard let value = evaluate(expression) else { continue }
        guard let text = value.text else {
          report(expression, "\(expression.pathText) is \(value.kindName), not text (use a path to a single value)")
          continue
        }
        Escaping.appendText(text, to: &out)
      case .attribute(let name, let expression):
        guard let value = evaluate(expression) else { continue }
        switch value {
        case .bool(false), .null, .string(""):
          continue
        case .bool(true):
          out.append(contentsOf: name)
          out.append(contentsOf: name.dropFirst().dropLast(2))
          out.append(UInt8(ascii: "\""))
        default:
          guard let text = value.text else {
            report(expression, "\(expression.pathText) is \(value.kindName), not text (use a path to a single value)")
            continue
          }
          out.append(contentsOf: name)
          Escaping.appendAttribute(text, to: &out)
          out.append(UInt8(ascii: "\""))
        }
      case .condition(let expression, let expected, let body):
        // A condition is itself the guard for optional data, so a missing value is falsy here.
        let truthy = evaluate(expression, missingIsError: false)?.isTruthy ?? false
        if truthy == expected { run(body) }
      case .loop(let slot, let expression, let body):
        guard let value = evaluate(expression) else { continue }
        guard case .list(let items) = value else {
          report(expression, "\(expression.pathText) is \(value.kindName), not a list (t:each needs a list)")
          continue
        }
        for item in items {
          locals[slot] = item
          run(body)
        }
      }
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
        if value == nil || value == .null { value = .string(text) }
        continue
      }
      guard let present = value, present != .null else { break }
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
    if let value, value != .null { return value }
    if missingIsError {
      report(
        expression,
        "missing value \(expression.pathText) in the data (add it, or give a fallback with |default:'…')"
      )
    }
    return nil
  }
}
