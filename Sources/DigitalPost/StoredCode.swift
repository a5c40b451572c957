/// A value kept in a registry file by a short code of its own, not by its words or a Swift
/// case name: `revoked-by-owner`, not "revoked by the owner".
///
/// Codes are text, not small integers: a clerk or an operator reading the file with
/// `sqlite3` (or, later, `psql`) sees what a row means, a `CHECK` constraint can list them,
/// and nothing tempts anyone to number them by the order of the cases. They cost a few
/// bytes a row on tables of hundreds of thousands of rows, not the citizens' millions.
///
/// A code, once released, never changes and is never given another meaning: files written
/// years ago hold it. A new value gets a new code; a value no longer made keeps its code so
/// that old rows still read. Words for people live elsewhere and may change freely.
public protocol StoredCode: CaseIterable, Sendable {
  /// The code written to the registry; never changes once released.
  var code: String { get }
}

extension StoredCode {
  /// The value of `code`, nil when no value has it.
  public init?(code: String) {
    guard let value = Self.allCases.first(where: { $0.code == code }) else { return nil }
    self = value
  }

  /// Every code, in the order of the cases: for messages that say what a column may hold.
  public static var codes: [String] { allCases.map(\.code) }
}
