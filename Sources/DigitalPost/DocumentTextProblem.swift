/// What is wrong with an identity document typed as `KIND[:DATE][:cpr]`, past its kind
/// (`DomainError.malformedDocument`); the words are the catalogues'.
public enum DocumentTextProblem: Hashable, Sendable {
  /// More than a date and `cpr` follow the kind.
  case extraParts
  /// The text after the kind is not a date of the form YYYY-MM-DD.
  case notADate(String)
  /// A benefit receipt without its issue date.
  case noIssueDate
}
