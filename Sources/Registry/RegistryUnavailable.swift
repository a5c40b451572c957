/// The registry's database could not be reached (a PostgreSQL server stopped, restarted or cut
/// off): nothing was changed, and the same job can be tried again once it is back. A desk
/// answers 503 and serves again as soon as the database answers; no restart is needed.
public struct RegistryUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
  /// The database, as it may be shown (a PostgreSQL URL with its password masked).
  public var registry: String
  /// What went wrong, in one line.
  public var cause: String

  /// The registry `registry` could not be reached because of `cause`.
  public init(registry: String, cause: String) {
    self.registry = registry
    self.cause = cause
  }

  /// One line: which registry, why, nothing changed, try again.
  public var description: String {
    "the registry \(registry) cannot be reached (\(cause)); nothing was changed, try again when it is back"
  }
}
