/// Everything that went wrong while compiling or rendering a template, one diagnostic per problem.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
  /// The problems, in the order they were found.
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
