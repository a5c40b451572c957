import Crypto
import DigitalPost
import Foundation

/// A web desk's session as the registry keeps it, so that every desk on the registry knows
/// it: who signed in, the language they chose, when it was opened and last noted in use.
///
/// The registry keys it by a SHA-256 of the session's token (`DeskSession.key(token:)`), never
/// the token: a copy of the registry gives no live session. It holds no CPR number (the desk's
/// citizen references are made from the token, not kept).
public struct DeskSession: Sendable, Equatable {
  /// The clerk's id, as their account spells it.
  public var clerk: String
  /// The municipality of the clerk's centre, from their account when they signed in.
  public var centre: MunicipalityCode
  /// Whether the clerk administers the desk.
  public var isAdmin: Bool
  /// The language the clerk chose for the desk; nil until they choose.
  public var language: Language?
  /// When the clerk signed in.
  public var openedAt: Date
  /// When a desk last noted the session in use (at most once a minute, not on every request).
  public var lastSeen: Date

  /// A session of `clerk` at `centre`, opened at `openedAt` and seen then.
  public init(clerk: String, centre: MunicipalityCode, isAdmin: Bool, language: Language?, openedAt: Date) {
    self.clerk = clerk
    self.centre = centre
    self.isAdmin = isAdmin
    self.language = language
    self.openedAt = openedAt
    self.lastSeen = openedAt
  }

  /// The key the registry keeps a session under: the SHA-256 of its token, in hex.
  public static func key(token: String) -> String {
    SHA256.hash(data: Data(token.utf8)).hexadecimal()
  }
}
