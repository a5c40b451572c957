import Crypto
import Foundation

/// The sign-in form's CSRF protection without server state: the cookie carries an expiry
/// and a random nonce, the form's hidden field the keyed hash of that cookie. Showing the
/// form costs the server no memory, however often it is asked for.
///
/// The key is the registry's (`Registry.signInFormKey`), the same for every desk on it, so a
/// form shown by one desk behind a load balancer is accepted by another, and a restart does
/// not make the open forms stale. It makes no session: it tells the desks' forms from forged ones.
struct SignInForm: Sendable {
  /// The cookie value's prefix, so that it is never taken for a session id.
  static let prefix = "sign-in-"
  /// How long a sign-in form stays good.
  static let lifetime: TimeInterval = 30 * 60

  /// The key's bytes (Crypto's `SymmetricKey` is not `Sendable`).
  private let key: Data

  /// The forms signed with `key`.
  init(key: Data) { self.key = key }

  /// A new form: the cookie value, and the CSRF token the form carries.
  func issue(now: Date) -> (cookie: String, csrf: String) {
    let expiry = Int(now.addingTimeInterval(Self.lifetime).timeIntervalSince1970)
    let cookie = "\(Self.prefix)\(expiry)-\(Token.random(bytes: 16))"
    return (cookie, csrf(for: cookie))
  }

  /// Whether `csrf` is the token of the form whose cookie is `cookie`, and the form is not stale.
  func accepts(cookie: String, csrf token: String, now: Date) -> Bool {
    guard cookie.hasPrefix(Self.prefix),
      let expiry = cookie.dropFirst(Self.prefix.count).split(separator: "-").first.flatMap({ Int($0) }),
      Double(expiry) > now.timeIntervalSince1970
    else { return false }
    return Token.equal(token, csrf(for: cookie))
  }

  /// The form's token: 64 hex digits, like a session's CSRF token.
  private func csrf(for cookie: String) -> String {
    let mac = HMAC<SHA256>.authenticationCode(for: Data(cookie.utf8), using: SymmetricKey(data: key))
    return mac.hexadecimal()
  }
}
