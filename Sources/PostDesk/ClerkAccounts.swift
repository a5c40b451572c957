import DigitalPost
import Foundation
import HummingbirdBcrypt
import Registry

/// Clerk accounts: added with the password checked for length and stored as a bcrypt hash,
/// and signed in to by password.
public enum ClerkAccounts {
  /// The shortest password accepted.
  public static let minimumPasswordLength = 8
  /// bcrypt's work factor for the accounts' passwords: a check takes a good part of a second.
  public static let passwordCost: UInt8 = 12
  /// A bcrypt hash of no one's password, of the accounts' work factor, made once on first use:
  /// checked when a clerk id is unknown, so that a wrong id costs what a wrong password costs
  /// and the time of an answer does not tell which ids exist.
  public static let decoyHash: String = {
    var generator = SystemRandomNumberGenerator()
    let secret = (0..<16).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }.joined()
    return Bcrypt.hash(secret, cost: passwordCost)
  }()

  /// Why an account cannot be added, as structure; `RefusalWording` words it.
  public enum Refusal: Error, Equatable {
    /// The password is shorter than `minimum` characters.
    case passwordTooShort(minimum: Int)
  }

  /// Adds `id` at `centre` (or replaces that clerk's centre, role and password), audited as
  /// `actor`. `cost` is bcrypt's work factor: `passwordCost` by default, lower only in tests.
  @discardableResult
  public static func add(
    id: String, centre: MunicipalityCode, admin: Bool, password: String, registry: Registry, actor: AuditActor,
    cost: UInt8 = passwordCost
  ) throws -> CitizenChange {
    // An id that is not one is the rule's refusal (`DomainError.invalidClerkID`), worded by
    // whoever reads it.
    let clerk = try Clerk(id: id, centre: centre)
    guard password.count >= minimumPasswordLength else {
      throw Refusal.passwordTooShort(minimum: minimumPasswordLength)
    }
    let account = ClerkAccount(
      id: clerk.id, centre: clerk.centre, isAdmin: admin, passwordHash: Bcrypt.hash(password, cost: cost))
    return try registry.write(actor) { tx in try tx.upsertClerk(account) }
  }

  /// What a sign-in came to.
  public enum SignIn: Sendable {
    /// The password is the account's.
    case accepted(ClerkAccount)
    /// No such account (nil), or a wrong password for the account named.
    case refused(account: String?)
  }

  /// Checks `password` for the account `id`. An unknown id is checked against `decoyHash`, so
  /// that it costs the same work as a wrong password. Blocking: bcrypt takes a good part of a
  /// second by design.
  public static func signIn(id: String, password: String, registry: Registry) throws -> SignIn {
    guard let account = try registry.clerkAccount(id) else {
      _ = Bcrypt.verify(password, hash: decoyHash)
      return .refused(account: nil)
    }
    guard Bcrypt.verify(password, hash: account.passwordHash) else { return .refused(account: account.id) }
    return .accepted(account)
  }
}
