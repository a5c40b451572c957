import DigitalPost
import Registry

/// The work queue: exemption applications that await a decision, oldest first, each with the
/// centre that received it and the municipality that decides it (Act §5(2): the citizen's).
public struct ListPendingApplications: Sendable {
  /// The desk whose registry holds the applications.
  public let desk: Desk

  /// Makes the queue for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// One application in the queue.
  public struct Entry: Sendable, Equatable {
    /// The registry's number for the application.
    public var id: Int64
    /// The day it was handed in.
    public var receivedOn: CivilDate
    /// The applicant (interfaces show it masked).
    public var cpr: CPRNumber
    /// The applicant's name as registered on `asOf`.
    public var name: String
    /// The criteria ticked, in the order of the form.
    public var criteria: [ExemptionCriterion]
    /// The centre that received it, as recorded (a municipality code as text).
    public var receivedAt: String
    /// The municipality whose council decides it.
    public var deciding: MunicipalityCode
  }

  /// The day the queue reads the applicants as of: the desk's today, as the decision does
  /// (`DecideExemption`), so that both name the same deciding municipality. Interfaces say it.
  public var asOf: CivilDate { desk.today }

  /// The applications awaiting a decision; with `deciding`, only those that municipality
  /// decides, by the applicants as registered on `asOf`.
  public func run(deciding: MunicipalityCode? = nil) throws -> [Entry] {
    try desk.registry.undecidedApplications(asOf: asOf).compactMap { undecided in
      let municipality = ExemptionRules.decidingMunicipality(of: undecided.applicant)
      if let deciding, deciding != municipality { return nil }
      let record = undecided.application
      return Entry(
        id: record.id, receivedOn: record.receivedOn, cpr: record.cpr, name: undecided.applicant.name,
        criteria: record.criteria.sorted(), receivedAt: record.centre.description, deciding: municipality)
    }
  }
}
