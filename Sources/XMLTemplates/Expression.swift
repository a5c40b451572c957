/// A template expression as written: a dotted path or a quoted literal, then filters.
///
/// The grammar is deliberately tiny, so that a template can never run code:
/// `EXPR := (PATH | 'literal') ('|' FILTER (':' 'literal')?)*`, `PATH := NAME ('.' NAME)*`.
struct ParsedExpression: Equatable {
  /// Where the value comes from.
  enum Source: Equatable {
    case path([String])
    case literal(String)
  }

  /// A filter as written, before it is checked against the known filters.
  struct FilterCall: Equatable {
    var name: String
    var argument: String?
  }

  var source: Source
  var filters: [FilterCall]

  /// Parses an expression, or says what is wrong with it.
  static func parse(_ text: String) -> Result<ParsedExpression, ExpressionSyntaxError> {
    var scanner = ExpressionScanner(Array(text.unicodeScalars))
    do {
      let expression = try scanner.expression()
      return .success(expression)
    } catch {
      return .failure(error)
    }
  }
}

/// Why an expression could not be read.
struct ExpressionSyntaxError: Error, Equatable {
  var message: String
}

private struct ExpressionScanner {
  let scalars: [Unicode.Scalar]
  var index = 0

  init(_ scalars: [Unicode.Scalar]) {
    self.scalars = scalars
  }

  mutating func skipSpaces() {
    while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" || scalars[index] == "\n" {
      index += 1
    }
  }

  static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }

  static func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
    isNameStart(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
  }

  mutating func expression() throws(ExpressionSyntaxError) -> ParsedExpression {
    skipSpaces()
    guard index < scalars.count else {
      throw ExpressionSyntaxError(message: "empty expression (write a path such as recipient.name, or 'text')")
    }
    let source: ParsedExpression.Source
    if scalars[index] == "'" {
      source = .literal(try literal())
    } else {
      source = .path(try path())
    }
    var filters: [ParsedExpression.FilterCall] = []
    skipSpaces()
    while index < scalars.count {
      guard scalars[index] == "|" else {
        throw ExpressionSyntaxError(
          message: "unexpected '\(Character(scalars[index]))' at offset \(index + 1) (separate filters with |)"
        )
      }
      index += 1
      skipSpaces()
      let name = try name(what: "a filter name after |")
      var argument: String?
      skipSpaces()
      if index < scalars.count, scalars[index] == ":" {
        index += 1
        skipSpaces()
        guard index < scalars.count, scalars[index] == "'" else {
          throw ExpressionSyntaxError(message: "expected a quoted argument after \(name): (write \(name):'text')")
        }
        argument = try literal()
        skipSpaces()
      }
      filters.append(.init(name: name, argument: argument))
    }
    return ParsedExpression(source: source, filters: filters)
  }

  mutating func name(what: String) throws(ExpressionSyntaxError) -> String {
    guard index < scalars.count, Self.isNameStart(scalars[index]) else {
      let found = index < scalars.count ? "'\(Character(scalars[index]))'" : "the end"
      throw ExpressionSyntaxError(message: "expected \(what), found \(found)")
    }
    var result = String.UnicodeScalarView()
    while index < scalars.count, Self.isNamePart(scalars[index]) {
      result.append(scalars[index])
      index += 1
    }
    return String(result)
  }

  mutating func path() throws(ExpressionSyntaxError) -> [String] {
    var segments = [try name(what: "a path such as recipient.name, or a 'quoted text'")]
    while index < scalars.count, scalars[index] == "." {
      index += 1
      if index < scalars.count, ("0"..."9").contains(scalars[index]) {
        var digits = ""
        while index < scalars.count, ("0"..."9").contains(scalars[index]) {
          digits.unicodeScalars.append(scalars[index])
          index += 1
        }
        segments.append(digits)
      } else {
        segments.append(try name(what: "a name after '.'"))
      }
    }
    return segments
  }

  mutating func literal() throws(ExpressionSyntaxError) -> String {
    index += 1
    var result = String.UnicodeScalarView()
    while index < scalars.count, scalars[index] != "'" {
      result.append(scalars[index])
      index += 1
    }
    guard index < scalars.count else {
      throw ExpressionSyntaxError(message: "unterminated quoted text (close it with ')")
    }
    index += 1
    return String(result)
  }
}
