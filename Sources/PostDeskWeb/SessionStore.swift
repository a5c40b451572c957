import DigitalPost
import Foundation
import Synchronization

/// The clerk a session belongs to.
public struct SignedInClerk: Sendable, Equatable {
  /// The clerk's user name or initials, as they signed in.
  public var id: String
  /// The municipality of the centre the clerk works at, from their account.
  public var centre: MunicipalityCode
  /// Whether the clerk administers the desk.
  public var isAdmin: Bool
}

/// One browser's session: who signed in, its CSRF token, and the opaque references it made
/// for the citizens it looked up (so that no CPR number needs to go into a URL), at most
/// `SessionStore.referenceLimit` of them.
struct Session: Sendable {
  let id: String
  var clerk: SignedInClerk?
  let csrf: String
  var lastSeen: Date
  var citizens: [String: CPRNumber] = [:]
  var references: [CPRNumber: String] = [:]
  /// When each citizen's reference was last given out, by a count of the session's own: the
  /// least recently used goes first when the session holds too many.
  var lastUse: [CPRNumber: UInt64] = [:]
  var uses: UInt64 = 0
  /// The language the clerk chose for the desk; nil until they choose (`Accept-Language` decides).
  var language: Language?
}

/// The sessions of the running server, in memory: a restart signs every clerk out.
///
/// Only signed-in clerks have sessions (the sign-in form is stateless, see `SignInForm`), and
/// the idle ones are swept out at most once a minute, in place: opening a session costs the
/// same however many there are.
final class SessionStore: Sendable {
  let idleTimeout: TimeInterval
  /// How often the idle sessions are swept out.
  static let sweepInterval: TimeInterval = 60
  /// The most citizen references one session keeps: the least recently used is forgotten
  /// (its pages then answer 404 until the citizen is looked up again). Enough for a day at
  /// the counter and a long work queue, which makes one per application.
  static let referenceLimit = 500

  private struct Table {
    var sessions: [String: Session] = [:]
    var lastSweep = Date.distantPast
  }

  private let table = Mutex(Table())

  init(idleTimeout: TimeInterval) {
    self.idleTimeout = idleTimeout
  }

  /// The number of sessions held, live or not yet swept.
  var count: Int { table.withLock { $0.sessions.count } }

  /// Opens a new session for `clerk`, in `language` when they chose one before signing in.
  func open(clerk: SignedInClerk, now: Date, language: Language? = nil) -> Session {
    var session = Session(id: Token.random(), clerk: clerk, csrf: Token.random(), lastSeen: now)
    session.language = language
    table.withLock { table in
      if now.timeIntervalSince(table.lastSweep) >= Self.sweepInterval {
        table.lastSweep = now
        let idle = table.sessions.compactMap { now.timeIntervalSince($0.value.lastSeen) >= idleTimeout ? $0.key : nil }
        for id in idle { table.sessions[id] = nil }
      }
      table.sessions[session.id] = session
    }
    return session
  }

  /// The session `id` if it has not been idle too long, marked as seen `now`.
  func session(_ id: String, now: Date) -> Session? {
    table.withLock { table in
      guard var session = table.sessions[id] else { return nil }
      guard now.timeIntervalSince(session.lastSeen) < idleTimeout else {
        table.sessions[id] = nil
        return nil
      }
      session.lastSeen = now
      table.sessions[id] = session
      return session
    }
  }

  /// Keeps `language` as session `id`'s choice.
  func choose(_ language: Language, in id: String) {
    table.withLock { $0.sessions[id]?.language = language }
  }

  /// Ends session `id`.
  func end(_ id: String) {
    _ = table.withLock { $0.sessions.removeValue(forKey: id) }
  }

  /// The session's reference for `cpr`, made on first use; beyond `referenceLimit`, the least
  /// recently used reference is forgotten.
  func reference(for cpr: CPRNumber, in id: String) -> String? {
    table.withLock { table in
      guard table.sessions[id] != nil else { return nil }
      // In place: a copy of the session would copy its tables on every page.
      return Self.reference(for: cpr, in: &table.sessions[id]!)
    }
  }

  private static func reference(for cpr: CPRNumber, in session: inout Session) -> String {
    session.uses += 1
    session.lastUse[cpr] = session.uses
    if let reference = session.references[cpr] { return reference }
    let reference = Token.random(bytes: 12)
    session.references[cpr] = reference
    session.citizens[reference] = cpr
    if session.references.count > referenceLimit,
      let oldest = session.lastUse.min(by: { $0.value < $1.value })?.key,
      let forgotten = session.references.removeValue(forKey: oldest)
    {
      session.citizens[forgotten] = nil
      session.lastUse[oldest] = nil
    }
    return reference
  }
}

/// Unguessable tokens for session ids, CSRF tokens, references and the ids of the letters kept.
enum Token {
  /// `bytes` random bytes as lower-case hex.
  static func random(bytes: Int = 32) -> String {
    var generator = SystemRandomNumberGenerator()
    var text = ""
    text.reserveCapacity(bytes * 2)
    for _ in 0..<bytes {
      let byte = UInt8.random(in: 0...255, using: &generator)
      text += String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
    }
    return text
  }

  /// Compares two tokens in time independent of where they differ.
  static func equal(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in x.indices { difference |= x[i] ^ y[i] }
    return difference == 0
  }
}
