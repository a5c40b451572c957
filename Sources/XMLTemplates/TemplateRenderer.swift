/// Runs a compiled program over one data tree, inside one synchronous call.
///
/// A value missing from the data is recorded and rendering goes on, so that one run reports
/// every missing value at once; the caller throws if any were found.
///
/// The data and the loop variables live in one buffer (`roots`), so that paths are walked by
/// pointer into the data tree, which the buffer keeps alive and nothing changes while the
/// render runs: reading a value copies (and retains) only what is written out.
/// Never copied; the buffers are freed when it goes.
struct TemplateRenderer: ~Copyable {
  private struct LoopFrame {
    var items: [TemplateValue]
    var index: Int
    var slot: Int
  }

  /// The data at 0, the loop variable of slot `n` at `n + 1`.
  private let roots: UnsafeMutablePointer<TemplateValue>
  private let rootCount: Int
  private var frames: [LoopFrame] = []
  private(set) var out: OutputBuffer
  private(set) var problems: [Diagnostic] = []

  init(data: TemplateValue, slots: Int, capacity: Int) {
    rootCount = slots + 1
    roots = UnsafeMutablePointer<TemplateValue>.allocate(capacity: rootCount)
    roots.initialize(to: data)
    (roots + 1).initialize(repeating: .null, count: slots)
    out = OutputBuffer(capacity: capacity)
  }

  deinit {
    roots.deinitialize(count: rootCount)
    roots.deallocate()
  }

  mutating func run(_ program: FlatProgram) {
    program.markup.withUnsafeBufferPointer { markup in
      program.instructions.withUnsafeBufferPointer { instructions in
        program.expressions.withUnsafeBufferPointer { expressions in
          run(instructions, markup: markup, expressions: expressions, hints: program.hints)
        }
      }
    }
  }

  private mutating func run(
    _ instructions: UnsafeBufferPointer<FlatProgram.Instruction>, markup: UnsafeBufferPointer<UInt8>,
    expressions: UnsafeBufferPointer<RenderExpression>, hints: LookupHints
  ) {
    var pc = 0
    while pc < instructions.count {
      switch instructions[pc] {
      case .markup(let start, let end):
        out.append(markup.baseAddress! + Int(start), count: Int(end - start))
      case .text(let index):
        writeText(expressions[Int(index)], hints: hints)
        if out.forbidden != nil { reportForbidden(expressions[Int(index)]) }
      case .attribute(let start, let end, let index):
        let expression = expressions[Int(index)]
        defer { if out.forbidden != nil { reportForbidden(expression) } }
        guard let value = evaluate(expression, filters: expression.filters, hints: hints) else { break }
        let name = markup.baseAddress! + Int(start)
        let length = Int(end - start)
        switch value {
        case .bool(false), .null, .string(""):
          break
        case .bool(true):
          // ` name="` + `name` + `"`: the attribute's own name as its value, as XHTML writes it.
          out.append(name, count: length)
          out.append(name + 1, count: length - 3)
          out.append(byte: UInt8(ascii: "\""))
        case .string(let text):
          out.append(name, count: length)
          Escaping.appendAttribute(text, to: &out)
          out.append(byte: UInt8(ascii: "\""))
        default:
          guard let text = value.text else {
            report(
              expression,
              "\(expression.compiled.pathText) is \(value.kindName), not text (use a path to a single value)")
            break
          }
          out.append(name, count: length)
          Escaping.appendAttribute(text, to: &out)
          out.append(byte: UInt8(ascii: "\""))
        }
      case .branch(let index, let expected, let skipTo):
        // A condition is itself the guard for optional data, so a missing value is falsy here.
        let expression = expressions[Int(index)]
        let value = evaluate(expression, filters: expression.filters, hints: hints, missingIsError: false)
        if (value?.isTruthy ?? false) != expected {
          pc = Int(skipTo)
          continue
        }
      case .loop(let slot, let index, let end):
        let expression = expressions[Int(index)]
        guard let value = evaluate(expression, filters: expression.filters, hints: hints) else {
          pc = Int(end) + 1
          continue
        }
        guard case .list(let items) = value else {
          report(expression, "\(expression.compiled.pathText) is \(value.kindName), not a list (t:each needs a list)")
          pc = Int(end) + 1
          continue
        }
        guard let first = items.first else {
          pc = Int(end) + 1
          continue
        }
        roots[Int(slot) + 1] = first
        frames.append(LoopFrame(items: items, index: 0, slot: Int(slot)))
      case .next(let bodyStart):
        let last = frames.count - 1
        frames[last].index += 1
        if frames[last].index < frames[last].items.count {
          roots[frames[last].slot + 1] = frames[last].items[frames[last].index]
          pc = Int(bodyStart)
          continue
        }
        frames.removeLast()
      }
      pc += 1
    }
  }

  /// `t:text`: the value escaped; a last date, upper or user's filter writes its result straight
  /// into the output instead of making a value of it first.
  private mutating func writeText(_ expression: RenderExpression, hints: LookupHints) {
    // The common case: a path to a string, no filters.
    if expression.filters.isEmpty, expression.root != RenderExpression.literalRoot,
      let found = find(expression, hints: hints), case .string(let text) = found.pointee
    {
      Escaping.appendText(text, to: &out)
      return
    }
    guard let direct = expression.directFilter else {
      guard let value = evaluate(expression, filters: expression.filters, hints: hints) else { return }
      write(value, of: expression)
      return
    }
    var value = resolve(expression, hints: hints)
    if !expression.leadingFilters.isEmpty {
      guard let leading = apply(expression.leadingFilters, to: value, of: expression) else { return }
      value = leading
    }
    guard let present = value, present.isPresent else {
      reportMissing(expression)
      return
    }
    switch direct {
    case .date(let language):
      if case .string(let text) = present, let date = CalendarDate(iso: text) {
        language.appendLongDate(date, to: &out)
        return
      }
    case .text(let filter):
      if case .string(let text) = present, let result = filter.transform(text) {
        Escaping.appendText(result, to: &out)
        return
      }
    case .upper:
      if let text = present.text {
        TemplateFilter.appendUppercased(text, to: &out)
        return
      }
    case .fallback:
      break
    }
    // The value does not fit the filter: the general path says why.
    if let result = apply([direct], to: present, of: expression), let value = result, value.isPresent {
      write(value, of: expression)
    }
  }

  private mutating func write(_ value: TemplateValue, of expression: RenderExpression) {
    if case .string(let text) = value {
      Escaping.appendText(text, to: &out)
    } else if let text = value.text {
      Escaping.appendText(text, to: &out)
    } else {
      report(
        expression, "\(expression.compiled.pathText) is \(value.kindName), not text (use a path to a single value)")
    }
  }

  private mutating func report(_ expression: RenderExpression, _ message: String) {
    let location = expression.compiled.location
    problems.append(Diagnostic(file: location.file, line: location.line, column: location.column, message: message))
  }

  private mutating func reportForbidden(_ expression: RenderExpression) {
    guard let scalar = out.takeForbidden() else { return }
    let code = String(scalar, radix: 16, uppercase: true)
    report(
      expression,
      "\(expression.compiled.pathText) holds U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code), "
        + "a character XML does not allow (take it out of the data)")
  }

  private mutating func reportMissing(_ expression: RenderExpression) {
    report(
      expression,
      "missing value \(expression.compiled.pathText) in the data (add it, or give a fallback with |default:'…')"
    )
  }

  /// The value at the end of an expression's path, before filters; `nil` when missing.
  @inline(__always)
  private func resolve(_ expression: RenderExpression, hints: LookupHints) -> TemplateValue? {
    if expression.root == RenderExpression.literalRoot { return .string(expression.literal) }
    return find(expression, hints: hints)?.pointee
  }

  /// Where the value at the end of a path (not a literal) is in the data tree; `nil` when
  /// missing. The arrays of the tree are immutable and alive for the whole render, so the
  /// address of an element stays valid after `withUnsafeBufferPointer` returns.
  @inline(__always)
  private func find(_ expression: RenderExpression, hints: LookupHints) -> UnsafePointer<TemplateValue>? {
    var current = UnsafePointer(roots + (expression.root + 1))
    var hint = expression.firstHint
    for segment in expression.names.indices {
      switch current.pointee {
      case .object(let object):
        let guess = hints.load(hint)
        guard let position = object.position(of: expression.names[segment], hint: guess) else { return nil }
        if position != guess { hints.store(hint, position) }
        current = object.values.withUnsafeBufferPointer { $0.baseAddress! + position }
      case .list(let items):
        let index = expression.listIndexes[segment]
        guard index >= 0, index < items.count else { return nil }
        current = items.withUnsafeBufferPointer { $0.baseAddress! + index }
      default:
        return nil
      }
      hint += 1
    }
    return current
  }

  /// Applies filters in order: `.success(nil)` when a value is missing (and no fallback gave
  /// one), `nil` after recording a value that does not fit a filter.
  private mutating func apply(
    _ filters: [TemplateFilter], to start: TemplateValue?, of expression: RenderExpression
  ) -> TemplateValue?? {
    var value = start
    for filter in filters {
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
          "\(expression.compiled.pathText) is \(shown), not \(mismatch.expected) (the data must give \(mismatch.format))"
        )
        return nil
      }
    }
    return .some(value)
  }

  /// The value of an expression after its filters; `nil` after recording a problem, or when
  /// the value is missing and `missingIsError` is false.
  private mutating func evaluate(
    _ expression: RenderExpression, filters: [TemplateFilter], hints: LookupHints, missingIsError: Bool = true
  ) -> TemplateValue? {
    var value = resolve(expression, hints: hints)
    if !filters.isEmpty {
      guard let filtered = apply(filters, to: value, of: expression) else { return nil }
      value = filtered
    }
    if let value, value.isPresent { return value }
    if missingIsError { reportMissing(expression) }
    return nil
  }
}
