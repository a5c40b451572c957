import Foundation
import Registry
import Synchronization

/// How long the web desk's letters are kept in the registry (`KeptDocuments`): those made more
/// than the retention period ago are forgotten, on start and, at most once an hour, as letters
/// are made, so that the registry is no archive of letters naming citizens.
final class DocumentRetention: Sendable {
  /// The registry keeping the letters.
  let registry: Registry
  /// How long a letter is kept after it was made.
  let retention: TimeInterval
  /// How often the old letters are looked for, at most: on start and when letters are made.
  static let sweepInterval: TimeInterval = 60 * 60

  private let lastSweep = Mutex(Date.distantPast)

  /// Forgets what is older than `retention` on `now`.
  init(registry: Registry, retention: TimeInterval, now: Date) throws {
    self.registry = registry
    self.retention = retention
    try sweepIfDue(now: now)
  }

  /// Forgets the letters made more than `retention` before `now`, unless that was done less
  /// than `sweepInterval` ago.
  func sweepIfDue(now: Date) throws {
    let due = lastSweep.withLock { last in
      guard now.timeIntervalSince(last) >= Self.sweepInterval else { return false }
      last = now
      return true
    }
    if due { try registry.forgetDocuments(madeBefore: now.addingTimeInterval(-retention)) }
  }
}
