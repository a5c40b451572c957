import DigitalPost
import Foundation
import Registry

/// The desk's sessions, kept by the registry (`DeskSession`, issue 21): every desk on the
/// registry shares them, so a clerk signed in on one desk goes on on another, and a sign-out
/// on one is refused by all at the next request. A restart of a desk signs nobody out.
///
/// The registry keeps a SHA-256 of each session's token, never the token, and no CPR number:
/// the CSRF token and the citizens' references are made from the token (`Session`).
///
/// Only signed-in clerks have sessions (the sign-in form is stateless, see `SignInForm`). A
/// session ends after `idleTimeout` without a request, or at sign-out. The look-up on every
/// request is one read; a request writes only when the session's "last seen" is older than
/// `noteInterval`, so a session in use costs one small write a minute, not one per page, and
/// may end up to that much before `idleTimeout` after its last request. The idle sessions are
/// forgotten at each sign-in (`Registry.openDeskSession`) and when a desk starts.
final class SessionStore: Sendable {
  let registry: Registry
  let idleTimeout: TimeInterval
  /// How stale a session's "last seen" may get before a request notes it again: a minute, or a
  /// thirtieth of a shorter idle timeout.
  let noteInterval: TimeInterval

  /// The sessions of the desks on `registry`, ending after `idleTimeout` seconds without a request.
  init(registry: Registry, idleTimeout: TimeInterval) {
    self.registry = registry
    self.idleTimeout = idleTimeout
    self.noteInterval = min(60, idleTimeout / 30)
  }

  /// The number of live sessions, on every desk of the registry.
  func count(now: Date) throws -> Int {
    try registry.deskSessionCount(seenSince: now.addingTimeInterval(-idleTimeout))
  }

  /// Opens a new session for `clerk`, in `language` when they chose one before signing in,
  /// ending the browser's session `replacing` when it had one.
  func open(clerk: SignedInClerk, now: Date, language: Language? = nil, replacing: String? = nil) throws -> Session {
    let token = Token.random()
    try registry.openDeskSession(
      token: token,
      DeskSession(clerk: clerk.id, centre: clerk.centre, isAdmin: clerk.isAdmin, language: language, openedAt: now),
      replacing: replacing, forgettingSeenBefore: now.addingTimeInterval(-idleTimeout))
    return Session(id: token, clerk: clerk, language: language, lastSeen: now)
  }

  /// The session `token` if it has not been idle too long; nil for anything else (a sign-in
  /// form's cookie is not looked up).
  func session(_ token: String, now: Date) throws -> Session? {
    guard !token.hasPrefix(SignInForm.prefix), let kept = try registry.deskSession(token: token),
      now.timeIntervalSince(kept.lastSeen) < idleTimeout
    else { return nil }
    return Session(
      id: token, clerk: SignedInClerk(id: kept.clerk, centre: kept.centre, isAdmin: kept.isAdmin),
      language: kept.language, lastSeen: kept.lastSeen)
  }

  /// Whether a request at `now` should note `session` in use (`noteSeen`).
  func needsNote(_ session: Session, now: Date) -> Bool {
    now.timeIntervalSince(session.lastSeen) >= noteInterval
  }

  /// Notes session `token` in use at `now`, unless another writer holds the registry (the
  /// next request will).
  func noteSeen(_ token: String, now: Date) throws {
    try registry.noteDeskSessionSeen(token: token, at: now)
  }

  /// Keeps `language` as session `token`'s choice.
  func choose(_ language: Language, in token: String) throws {
    try registry.chooseDeskSessionLanguage(token: token, language)
  }

  /// Ends session `token`, on every desk.
  func end(_ token: String) throws {
    try registry.endDeskSession(token: token)
  }

  /// Forgets the sessions idle past `idleTimeout` at `now` (a desk's start).
  func forgetIdle(now: Date) throws {
    try registry.forgetDeskSessions(seenBefore: now.addingTimeInterval(-idleTimeout))
  }

  /// Session `token`'s reference for `cpr` (`CitizenReferences`).
  func reference(for cpr: CPRNumber, in token: String) -> String? {
    CitizenReferences(token: token).reference(for: cpr)
  }
}
