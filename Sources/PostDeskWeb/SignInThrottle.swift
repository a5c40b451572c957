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
  }

  private let records = Mutex<[String: Record]>([:])

  init() {}

  /// Seconds to wait before `clerk` may try again from `address`; nil when they may try now.
  func pause(clerk: String, address: String, now: Date) -> Int? {
    records.withLock { all in
      let until = [Self.key(clerk: clerk), Self.key(address: address)].compactMap { key -> Date? in
        guard let record = all[key], now.timeIntervalSince(record.lastFailure) < Self.memory else { return nil }
        return record.blockedUntil > now ? record.blockedUntil : nil
      }.max()
      return until.map { max(1, Int(($0.timeIntervalSince(now)).rounded(.up))) }
    }
  }

  /// Counts a failed sign-in against the clerk id and the address.
  func failed(clerk: String, address: String, now: Date) {
    records.withLock { all in
      if all.count > 100_000 { all = all.filter { now.timeIntervalSince($0.value.lastFailure) < Self.memory } }
      for key in [Self.key(clerk: clerk), Self.key(address: address)] {
        var record = all[key] ?? Record()
        if now.timeIntervalSince(record.lastFailure) >= Self.memory { record = Record() }
        record.failures += 1
        record.lastFailure = now
        if record.failures >= Self.freeFailures {
          let exponent = Double(min(record.failures - Self.freeFailures, 16))
          record.blockedUntil = now.addingTimeInterval(min(Self.firstPause * pow(2, exponent), Self.maximumPause))
        }
        all[key] = record
      }
    }
  }

  /// A successful sign-in clears the clerk id's count (not the address's: one good account
  /// must not reset the count of guesses at others from the same place).
  func succeeded(clerk: String) {
    _ = records.withLock { $0.removeValue(forKey: Self.key(clerk: clerk)) }
  }

  private static func key(clerk: String) -> String { "clerk:" + clerk }
  private static func key(address: String) -> String { "address:" + address }
}
