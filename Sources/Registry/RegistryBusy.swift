/// The registry could not be written because another writer (an import, another process)
/// held it for longer than the busy timeout. Nothing was changed; the same job can be
/// tried again in a moment.
public struct RegistryBusy: Error, Sendable, Equatable, CustomStringConvertible {
  /// How long the writer waited, in seconds.
  public var waited: Double

  /// Records how long the writer waited, in seconds.
  public init(waited: Double) { self.waited = waited }

  /// One line for the person who started the job: busy, nothing changed, try again.
  public var description: String {
    "the registry is busy with another job (waited \(Int(waited)) s); nothing was changed, try again in a moment"
  }
}
