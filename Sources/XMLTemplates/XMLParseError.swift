/// Why an XML document could not be parsed: every libxml2 error of the parse, located.
public struct XMLParseError: Error, Sendable, CustomStringConvertible {
  /// The problems, in the order libxml2 reported them.
  public var diagnostics: [Diagnostic]

  /// Creates an error from its problems.
  public init(_ diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }

  /// One `file:line:col: message` line per problem.
  public var description: String {
    diagnostics.map(\.description).joined(separator: "\n")
  }
}
