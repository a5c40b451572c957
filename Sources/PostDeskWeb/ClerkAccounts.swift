import DigitalPost
import Foundation
import HummingbirdBcrypt
import Registry

/// Adding clerk accounts: the password checked for length and stored as a bcrypt hash.
public enum ClerkAccounts {
  /// The shortest password accepted.
  public static let minimumPasswordLength = 8

  /// Why an account cannot be added.
  public struct Refusal: Error, Equatable, CustomStringConvertible {
    /// Why the account cannot be added and what to do, in one line.
    public var message: String
    /// The message, as the refusal prints.
    public var description: String { message }
  }

  /// Adds `id` at `centre` (or replaces that clerk's centre, role and password), audited as
  /// `actor`. `cost` is bcrypt's work factor: 12 by default, lower only in tests.
  @discardableResult
  public static func add(
    id: String, centre: MunicipalityCode, admin: Bool, password: String, registry: Registry, actor: AuditActor,
    cost: UInt8 = 12
  ) throws -> CitizenChange {
    let clerk: Clerk
    do { clerk = try Clerk(id: id, centre: centre) } catch { throw Refusal(message: error.message) }
    guard password.count >= minimumPasswordLength else {
      throw Refusal(
        message: "the password is shorter than \(minimumPasswordLength) characters; choose a longer one "
          + "and give it on standard input")
    }
    let account = ClerkAccount(
      id: clerk.id, centre: clerk.centre.description, isAdmin: admin, passwordHash: Bcrypt.hash(password, cost: cost))
    return try registry.write(actor) { tx in try tx.upsertClerk(account) }
  }
}
