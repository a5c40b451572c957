import Crypto
import Foundation
import Synchronization

/// Slows down guessing: failed sign-ins counted per account (the clerk id typed) and per client
/// address (`ClientAddress`). After `accountFreeFailures` in a row on one id, or
/// `addressFreeFailures` from one address, each further attempt there waits a pause that
/// doubles, up to `maximumPause`.
///
/// An account meets its pauses after a few guesses; an address only after many more, because
/// the clerks of a centre behind one proxy or office router share it, and one clerk's typos
/// must not lock out the next. What is typed as an id is kept only as a short digest, and the
/// table holds at most `capacity` records, so that no sequence of attempts grows it without end.
final class SignInThrottle: Sendable {
  /// Failures in a row on one clerk id before its pauses begin.
  static let accountFreeFailures = 3
  /// Failures in a row from one client address before its pauses begin.
  static let addressFreeFailures = 30
  static let firstPause: TimeInterval = 2
  static let maximumPause: TimeInterval = 5 * 60
  /// A record with no failure for this long is forgotten.
  static let memory: TimeInterval = 15 * 60
  /// The most records kept: when full, the forgotten ones go, then the oldest.
  static let defaultCapacity = 10_000

  private struct Record {
    var failures = 0
    var lastFailure = Date.distantPast
    var blockedUntil = Date.distantPast
    /// `blockedUntil` before the last attempt was counted: put back when it succeeds.
    var blockedBefore = Date.distantPast
  }

  let capacity: Int
  private let records = Mutex<[String: Record]>([:])

  /// A throttle keeping at most `capacity` records.
  init(capacity: Int = SignInThrottle.defaultCapacity) {
    self.capacity = max(capacity, 2)
  }

  /// The number of records held.
  var count: Int { records.withLock { $0.count } }
  /// The length of the longest key held, in bytes.
  var longestKey: Int { records.withLock { $0.keys.map(\.utf8.count).max() ?? 0 } }

  /// Whether `clerk` may try a password now from `address`: nil when they may, after
  /// counting the attempt as a failure; otherwise the seconds to wait, and nothing counted.
  ///
  /// The attempt is counted before the (slow) password check, in the same step as the
  /// check of the pause, so that concurrent attempts cannot all pass before the first
  /// failure is recorded. A correct password takes the count back with `succeeded`.
  func attempt(clerk: String, address: String, now: Date) -> Int? {
    records.withLock { all in
      let keys = [
        (Self.key(clerk: clerk), Self.accountFreeFailures), (Self.key(address: address), Self.addressFreeFailures),
      ]
      let until = keys.compactMap { key, _ -> Date? in
        guard let record = all[key], now.timeIntervalSince(record.lastFailure) < Self.memory else { return nil }
        return record.blockedUntil > now ? record.blockedUntil : nil
      }.max()
      if let until { return max(1, Int((until.timeIntervalSince(now)).rounded(.up))) }
      if all.count + keys.count > capacity { makeRoom(&all, now: now) }
      for (key, free) in keys {
        var record = all[key] ?? Record()
        if now.timeIntervalSince(record.lastFailure) >= Self.memory { record = Record() }
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
  func succeeded(clerk: String, address: String) {
    records.withLock { all in
      all[Self.key(clerk: clerk)] = nil
      let key = Self.key(address: address)
      guard var record = all[key] else { return }
      record.failures -= 1
      record.blockedUntil = record.blockedBefore
      all[key] = record.failures > 0 ? record : nil
    }
  }

  /// Forgets the records past `memory`; when that is not enough, the oldest, down to nine
  /// tenths of `capacity` (so that a full table is sorted once per many attempts, not each).
  private func makeRoom(_ all: inout [String: Record], now: Date) {
    for (key, record) in all where now.timeIntervalSince(record.lastFailure) >= Self.memory { all[key] = nil }
    guard all.count + 2 > capacity else { return }
    let keep = capacity * 9 / 10
    for (key, _) in all.sorted(by: { $0.value.lastFailure < $1.value.lastFailure }).prefix(all.count - keep) {
      all[key] = nil
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
