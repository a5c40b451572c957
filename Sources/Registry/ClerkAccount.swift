import DigitalPost
import Foundation
import GRDB

/// A clerk's account at the web desk: who may sign in, at which centre, and the bcrypt hash
/// of their password. The registry stores the hash it is given; it never sees a password.
public struct ClerkAccount: Sendable, Equatable {
  /// The clerk's user name or initials, which they sign in with.
  public var id: String
  /// The centre, by its municipality (stored as its three digits).
  public var centre: MunicipalityCode
  /// Whether the clerk administers the desk.
  public var isAdmin: Bool
  /// The bcrypt hash (`$2b$…`).
  public var passwordHash: String

  /// Makes an account; `passwordHash` is the bcrypt hash, never the password.
  public init(id: String, centre: MunicipalityCode, isAdmin: Bool, passwordHash: String) {
    self.id = id
    self.centre = centre
    self.isAdmin = isAdmin
    self.passwordHash = passwordHash
  }
}
