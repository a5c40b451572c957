import DigitalPost
import Registry

/// Ends a helper's access to a citizen's Digital Post at the owner's request (domain.md §6).
public struct RevokeAccess: Sendable {
  public let desk: Desk

  public init(desk: Desk) { self.desk = desk }

  /// Revokes the access in force today; it ends today.
  @discardableResult
  public func run(owner: CPRNumber, helper: CPRNumber, clerk counterClerk: CounterClerk) throws -> DelegatedAccess {
    let clerk = try counterClerk.resolved(fallback: desk.citizen(owner, role: "owner").municipality)
    _ = try desk.citizen(helper, role: "helper")
    guard let record = try desk.registry.accesses(owner: owner, asOf: desk.today).first(where: { $0.helper == helper })
    else { throw DeskError.noAccess(owner: owner, helper: helper) }
    let ended = try AccessRules.revoke(record.access, by: owner, on: desk.today)
    try desk.registry.write(desk.actor(clerk)) { tx in
      try tx.endAccess(owner: owner, helper: helper, on: desk.today, reason: "revoked by the owner")
    }
    return ended
  }
}
