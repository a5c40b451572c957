/// One problem found in a file, at a line and column, with a message that says how to mend it.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  /// The file the problem is in, as the caller named it.
  public var file: String
  /// The line, from 1; 0 when the problem concerns the whole file.
  public var line: Int
  /// The column, from 1, counted in characters; 0 when unknown.
  public var column: Int
  /// What is wrong and how to mend it.
  public var message: String

  /// Creates a diagnostic.
  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:col: message`, the form editors and compilers use, so a click opens the spot.
  public var description: String {
    if line == 0 { return "\(file): \(message)" }
    return "\(file):\(line):\(column): \(message)"
  }

  /// `line:col: message`, for callers that already know the file.
  public var located: String {
    "\(line):\(column): \(message)"
  }
}
