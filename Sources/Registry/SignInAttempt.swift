import Foundation

/// The web desk's count of failed sign-ins under one key (a clerk id's digest, or a client
/// address), kept by the registry so that every desk on it counts the same failures. What the
/// counts mean, and when a pause begins, is the desk's throttle's; the registry keeps them.
public struct SignInAttempt: Sendable, Equatable {
  /// Failed attempts in a row.
  public var failures: Int
  /// When the last one was counted: a record with none for a while is forgotten.
  public var lastFailure: Date
  /// Until when attempts under this key wait (`Date.distantPast`: they need not).
  public var blockedUntil: Date
  /// `blockedUntil` before the last attempt was counted: put back when that one succeeds.
  public var blockedBefore: Date

  /// A record of `failures`, the last at `lastFailure`.
  public init(
    failures: Int = 0, lastFailure: Date = .distantPast, blockedUntil: Date = .distantPast,
    blockedBefore: Date = .distantPast
  ) {
    self.failures = failures
    self.lastFailure = lastFailure
    self.blockedUntil = blockedUntil
    self.blockedBefore = blockedBefore
  }
}
