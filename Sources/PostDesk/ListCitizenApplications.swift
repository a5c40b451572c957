import DigitalPost
import Registry

/// A citizen's exemption applications: those that await a decision and those decided.
public struct ListCitizenApplications: Sendable {
  /// The desk whose registry holds the applications.
  public let desk: Desk

  /// Makes the list for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// The applications of `cpr`, newest first, split by whether a decision is recorded.
  public func run(cpr: CPRNumber) throws -> (pending: [ApplicationRecord], decided: [ApplicationRecord]) {
    let all = try desk.registry.applications(of: cpr)
    return (all.filter { $0.decision == nil }, all.filter { $0.decision != nil })
  }
}
