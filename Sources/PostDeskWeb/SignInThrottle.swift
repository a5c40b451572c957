import Crypto
import Foundation
import Registry

/// Slows down guessing: failed sign-ins counted per account (the clerk id typed) and per client
/// address (`ClientAddress`). After `accountFreeFailures` in a row on one id, or
/// `addressFreeFailures` from one address, each further attempt there waits a pause that
/// doubles, up to `maximumPause`.
///
/// An account meets its pauses after a few guesses; an address only after many more, because
/// the clerks of a centre behind one proxy or office router share it, and one clerk's typos
/// must not lock out the next. The counts are kept by the registry (`SignInAttempt`), so that
/// guesses spread over the desks on one registry meet one count. What is typed as an id is
/// kept only as a short digest, and the table holds at most `capacity` records, so that no
/// sequence of attempts grows it without end.
final class SignInThrottle: Sendable {
  /// Failures in a row on one clerk id before its pauses begin.
  static let accountFreeFailures = 3
  /// Failures in a row from one client address before its pauses begin.
  static let addressFreeFailures = 30
  static let firstPause: TimeInterval = 2
  static let maximumPause: TimeInterval = 5 * 60
  /// A record with no failure for this long is forgotten (removed at the next attempt on any desk).
  static let memory: TimeInterval = 15 * 60
  /// The most records kept: when full, the forgotten ones go, then the oldest.
  static let defaultCapacity = 10_000

  let registry: Registry
  let capacity: Int

  /// A throttle counting in `registry`, keeping at most `capacity` records.
  init(registry: Registry, capacity: Int = SignInThrottle.defaultCapacity) {
    self.registry = registry
    self.capacity = max(capacity, 2)
  }

  /// Whether `clerk` may try a password now from `address`: nil when they may, after
  /// counting the attempt as a failure; otherwise the seconds to wait, and nothing counted.
  ///
  /// The attempt is counted before the (slow) password check, in the same transaction as the
  /// check of the pause, so that concurrent attempts (on any desks) cannot all pass before the
  /// first failure is recorded. A correct password takes the count back with `succeeded`.
  func attempt(clerk: String, address: String, now: Date) throws -> Int? {
    let keys = [
      (Self.key(clerk: clerk), Self.accountFreeFailures), (Self.key(address: address), Self.addressFreeFailures),
    ]
    return try registry.updateSignInAttempts(
      keys.map(\.0), forgettingBefore: now.addingTimeInterval(-Self.memory), capacity: capacity
    ) { all in
      let until = keys.compactMap { key, _ -> Date? in
        guard let record = all[key], record.blockedUntil > now else { return nil }
        return record.blockedUntil
      }.max()
      if let until { return max(1, Int((until.timeIntervalSince(now)).rounded(.up))) }
      for (key, free) in keys {
        var record = all[key] ?? SignInAttempt()
        record.failures += 1
        record.lastFailure = now
        record.blockedBefore = record.blockedUntil
        if record.failures >= free {
          let exponent = Double(min(record.failures - free, 16))
          record.blockedUntil = now.addingTimeInterval(min(Self.firstPause * pow(2, exponent), Self.maximumPause))
        }
        all[key] = record
      }
      return nil
    }
  }

  /// A correct password: clears the clerk id's count, and takes back from the address's count
  /// the attempt `attempt` counted (not more: one good account must not reset the count of
  /// guesses at others from the same place).
  func succeeded(clerk: String, address: String) throws {
    let account = Self.key(clerk: clerk)
    let place = Self.key(address: address)
    try registry.updateSignInAttempts([account, place]) { all in
      all[account] = nil
      guard var record = all[place] else { return }
      record.failures -= 1
      record.blockedUntil = record.blockedBefore
      all[place] = record.failures > 0 ? record : nil
    }
  }

  /// The key of a clerk id: the first 16 bytes of its SHA-256, whatever was typed (a 60 KB
  /// id costs what a short one costs, and the table holds no password typed into the id field).
  static func key(clerk: String) -> String {
    "clerk:" + SHA256.hash(data: Data(clerk.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
  }

  /// The key of a client address (at most an IPv6 address's length).
  static func key(address: String) -> String { "address:" + address.prefix(64) }
}
