import Foundation
import Synchronization

/// Slows down guessing: failed sign-ins counted per clerk id and per client address; after
/// `freeFailures` in a row, each further attempt waits a pause that doubles, up to `maximumPause`.
final class SignInThrottle: Sendable {
  static let freeFailures = 3
  static let firstPause: TimeInterval = 2
  static let maximumPause: TimeInterval = 5 * 60
  /// A record with no failure for this long is forgotten.
  static let memory: TimeInterval = 15 * 60

  private struct Record {
    var failures = 0
    var lastFailure = Date.distantPast
    var blockedUntil = Date.distantPast
    /// `blockedUntil` before the last attempt was counted: put back when it succeeds.
    var blockedBefore = Date.distantPast
  }

  private let records = Mutex<[String: Record]>([:])

  init() {}

  /// Whether `clerk` may try a password now from `address`: nil when they may, after
  /// counting the attempt as a failure; otherwise the seconds to wait, and nothing counted.
  ///
  /// The attempt is counted before the (slow) password check, in the same step as the
  /// check of the pause, so that concurrent attempts cannot all pass before the first
  /// failure is recorded. A correct password takes the count back with `succeeded`.
  func attempt(clerk: String, address: String, now: Date) -> Int? {
    records.withLock { all in
      let keys = [Self.key(clerk: clerk), Self.key(address: address)]
      let until = keys.compactMap { key -> Date? in
        guard let record = all[key], now.timeIntervalSince(record.lastFailure) < Self.memory else { return nil }
        return record.blockedUntil > now ? record.blockedUntil : nil
      }.max()
      if let until { return max(1, Int((until.timeIntervalSince(now)).rounded(.up))) }
      if all.count > Self.capacity { Self.forgetOld(&all, now: now) }
      for key in keys {
        var record = all[key] ?? Record()
        if now.timeIntervalSince(record.lastFailure) >= Self.memory { record = Record() }
        record.failures += 1
        record.lastFailure = now
        record.blockedBefore = record.blockedUntil
        if record.failures >= Self.freeFailures {
          let exponent = Double(min(record.failures - Self.freeFailures, 16))
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

  /// The most records kept before the old ones are swept out.
  static let capacity = 100_000

  private static func forgetOld(_ all: inout [String: Record], now: Date) {
    for (key, record) in all where now.timeIntervalSince(record.lastFailure) >= memory { all[key] = nil }
  }

  private static func key(clerk: String) -> String { "clerk:" + clerk }
  private static func key(address: String) -> String { "address:" + address }
}
