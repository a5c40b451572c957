import DigitalPost
import Registry

/// Ends a citizen's exemption at their request: from today their post is digital again
/// (domain.md §4: rejoining is possible at any time).
public struct WithdrawExemption: Sendable {
  /// The desk whose registry records the withdrawal, dated its working day.
  public let desk: Desk

  /// Makes the job for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// Withdraws the exemption in force today; the exemption ends today. A dead citizen's
  /// exemption ended with the death, and is refused (`ExemptionRules.withdraw`).
  @discardableResult
  public func run(cpr: CPRNumber, clerk counterClerk: CounterClerk) throws -> Exemption {
    let citizen = try desk.citizen(cpr)
    let clerk = try counterClerk.resolved(fallback: citizen.municipality)
    guard let record = try desk.registry.exemption(cpr, asOf: desk.today) else { throw DeskError.notExempt(cpr) }
    let withdrawn = try ExemptionRules.withdraw(record.exemption, status: citizen.status, on: desk.today)
    try desk.registry.write(desk.actor(clerk)) { tx in
      try tx.endExemption(cpr, on: desk.today, reason: .withdrawn)
    }
    return withdrawn
  }
}
