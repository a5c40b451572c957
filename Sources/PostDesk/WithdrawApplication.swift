import DigitalPost
import Registry

/// Closes an exemption application the applicant withdrew before it was decided (domain.md
/// §4): no decision, no letter, audited; it then no longer awaits a decision, so it leaves the
/// work queue and no longer blocks a new application of the citizen.
public struct WithdrawApplication: Sendable {
  /// The desk whose registry records the withdrawal, dated its working day.
  public let desk: Desk

  /// Makes the job for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// The application closed.
  public struct Result: Sendable, Equatable {
    /// The applicant.
    public var cpr: CPRNumber
    /// The application's case reference, `FD-YEAR-NNNNNN`.
    public var reference: String
  }

  /// Closes application `applicationID` as withdrawn today; refused when it was already
  /// decided or withdrawn, or the applicant has died (`ExemptionRules.checkApplicationWithdrawal`).
  /// The withdrawal is the applicant's, so any centre may record it (by default the citizen's
  /// municipality's). With `applicant` named (the citizen of the clerk's page), another
  /// citizen's application is answered as unknown.
  @discardableResult
  public func run(applicationID: Int64, clerk counterClerk: CounterClerk, applicant: CPRNumber? = nil) throws
    -> Result
  {
    guard let record = try desk.registry.application(id: applicationID) else {
      throw DeskError.unknownApplication(applicationID)
    }
    if let applicant, record.cpr != applicant { throw DeskError.unknownApplication(applicationID) }
    if let decision = record.decision { throw DeskError.alreadyDecided(applicationID, decision) }
    let citizen = try desk.citizen(record.cpr)
    try ExemptionRules.checkApplicationWithdrawal(applicationID, applicant: citizen, on: desk.today)
    let clerk = try counterClerk.resolved(fallback: citizen.municipality)
    try desk.registry.write(desk.actor(clerk)) { tx in
      // Again inside the transaction: another clerk may have decided it since the read above.
      if let decision = try tx.application(id: applicationID)?.decision {
        throw DeskError.alreadyDecided(applicationID, decision)
      }
      try tx.recordWithdrawal(applicationID: applicationID, effective: desk.today)
    }
    return Result(cpr: record.cpr, reference: Reference.application(applicationID, on: record.receivedOn))
  }
}
