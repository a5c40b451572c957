import DigitalPost
import Registry

/// Ends a helper's access to a citizen's Digital Post at the owner's request (domain.md §6).
public struct RevokeAccess: Sendable {
  /// The desk whose registry records the revocation, dated its working day.
  public let desk: Desk

  /// Makes the job for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// Revokes the access in force today; it ends today.
  @discardableResult
  public func run(owner: CPRNumber, helper: CPRNumber, clerk counterClerk: CounterClerk) throws -> DelegatedAccess {
    let pair = try AccessPair(desk: desk, owner: owner, helper: helper)
    let clerk = try counterClerk.resolved(fallback: pair.owner.municipality)
    let ended = try AccessRules.revoke(
      pair.record.access, by: owner, on: desk.today, ownerStatus: pair.owner.status, helperStatus: pair.helper.status)
    try desk.registry.write(desk.actor(clerk)) { tx in
      try tx.endAccess(owner: owner, helper: helper, on: desk.today, reason: .revokedByOwner)
    }
    return ended
  }
}
