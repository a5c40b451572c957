import DigitalPost
import Foundation
import Registry

/// One browser's session, as a request finds it (`SessionStore.session`): its token (the
/// cookie's value), who signed in, the language chosen, and what is made from the token: the
/// CSRF token, and the citizens' references (so that no CPR number needs to go into a URL).
///
/// Only the token's holder can make those: the registry keeps a SHA-256 of the token, and
/// every desk on the registry that is handed the cookie makes the same ones.
struct Session: Sendable {
  /// The session's token, from the cookie.
  let id: String
  var clerk: SignedInClerk?
  /// The language the clerk chose for the desk; nil until they choose (`Accept-Language` decides).
  var language: Language?
  /// When a desk last noted the session in use (`SessionStore.noteInterval`).
  var lastSeen: Date

  /// The token every form of the session carries: 64 hex digits.
  var csrf: String { Token.derived(from: id, "csrf").hexadecimal() }

  /// The session's references to citizens.
  var citizens: CitizenReferences { CitizenReferences(token: id) }
}
