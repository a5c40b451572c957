import DigitalPost
import Registry

/// Records an application for exemption from Digital Post, handed in at the counter with
/// the declaration on honour signed (domain.md §4).
public struct ApplyForExemption: Sendable {
  /// The desk whose registry records the application, dated its working day.
  public let desk: Desk

  /// Makes the job for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// The person applying on the citizen's behalf, as the clerk names them.
  public enum OnBehalf: Sendable, Equatable {
    case cpr(CPRNumber)
    case name(String)
  }

  /// The recorded application.
  public struct Result: Sendable, Equatable {
    /// The registry's number for the application.
    public var applicationID: Int64
    /// The case reference for letters about the application, `FD-YEAR-NNNNNN` (the year it was received).
    public var reference: String
  }

  /// Checks the application against the rules and records it, in one transaction; a
  /// refusal changes nothing.
  public func run(
    cpr: CPRNumber, criteria: Set<ExemptionCriterion>, documents: [PresentedDocument],
    onBehalf: (OnBehalf, Representative.Authority)?, paperCopies: Bool, clerk: Clerk
  ) throws -> Result {
    let applicant = try desk.citizen(cpr)
    var appearance = ExemptionApplication.Appearance.inPerson
    var stored: Representative?
    var representativeRecord: Citizen?
    if let (who, authority) = onBehalf {
      switch who {
      case .cpr(let other):
        let representative = Representative(.cpr(other), authority: authority)
        appearance = .onBehalf(representative)
        if other != cpr {
          let person = try desk.citizen(other, role: .representative)
          representativeRecord = person
          // Kept by name, the CPR number masked inside it (`ApplicationRecord.representative`).
          stored = Representative(.name("\(person.name) (\(other.masked))"), authority: authority)
        }
      case .name(let name):
        let representative = Representative(.name(name), authority: authority)
        appearance = .onBehalf(representative)
        stored = representative
      }
    }
    let application = ExemptionApplication(
      applicant: cpr, criteria: criteria, declaredOnHonour: true, appearance: appearance, documents: documents,
      paperCopiesRequested: paperCopies, date: desk.today, centre: clerk.centre)
    let inForce = try desk.registry.exemption(cpr, asOf: desk.today)?.exemption
    let id = try desk.registry.write(desk.actor(clerk)) { tx in
      // Checked inside the transaction, so that two desks cannot both record one.
      try ExemptionRules.check(
        application, applicant: applicant, exemptionInForce: inForce, representative: representativeRecord,
        undecided: tx.undecidedApplication(cpr))
      return try tx.recordApplication(
        cpr, receivedOn: desk.today, criteria: application.sortedCriteria, representative: stored,
        identityDocuments: documents, paperCopies: paperCopies)
    }
    return Result(applicationID: id, reference: Reference.application(id, on: desk.today))
  }
}
