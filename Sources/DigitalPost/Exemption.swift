/// An exemption from Digital Post that was granted (domain.md §4): letters go on paper.
///
/// It lasts for life, until the citizen withdraws it and rejoins Digital Post (possible at
/// any time), or, when it was granted for emigration, until the citizen moves back to
/// Denmark (see `ExemptionRules.endOnReturn(of:returnedOn:importedOn:)`).
public struct Exemption: Hashable, Sendable, Codable {
  /// The exempt citizen.
  public var citizen: CPRNumber
  /// The first day of the exemption: the day it was granted.
  public var since: CivilDate
  /// The criteria the citizen ticked (possibly none).
  public var criteria: Set<ExemptionCriterion>
  /// Granted for emigration: applied for on that criterion from abroad (Act §5(1),
  /// `ExemptionRules.isForEmigration`); such an exemption ends when they move back.
  public var grantedForEmigration: Bool
  /// Whether unopened Digital Post of the last 6 months is to be sent on paper.
  public var paperCopiesRequested: Bool
  /// The day the citizen withdrew it and rejoined Digital Post; the exemption no longer
  /// holds from that day.
  public var withdrawnOn: CivilDate?

  /// Records an exemption.
  public init(
    citizen: CPRNumber, since: CivilDate, criteria: Set<ExemptionCriterion> = [], grantedForEmigration: Bool = false,
    paperCopiesRequested: Bool = false, withdrawnOn: CivilDate? = nil
  ) {
    self.citizen = citizen
    self.since = since
    self.criteria = criteria
    self.grantedForEmigration = grantedForEmigration
    self.paperCopiesRequested = paperCopiesRequested
    self.withdrawnOn = withdrawnOn
  }

  /// The days whose unopened Digital Post is to be sent on paper: the 6 months up to the
  /// day of the exemption, both ends included; nil when not requested.
  public var paperCopyPeriod: ClosedRange<CivilDate>? {
    guard paperCopiesRequested else { return nil }
    return since.adding(months: -OurRules.paperCopyMonths)...since
  }

  /// Whether the exemption holds on `date`, as far as the exemption itself knows: from
  /// `since` until the day before withdrawal. An emigration exemption's end on the
  /// citizen's return is recorded by the registry when the return is imported
  /// (`ExemptionRules.endOnReturn(of:returnedOn:importedOn:)`).
  public func isInForce(on date: CivilDate) -> Bool {
    guard since <= date else { return false }
    if let withdrawnOn { return date < withdrawnOn }
    return true
  }

  /// The exemption withdrawn on `date`: the citizen rejoins Digital Post from that day.
  ///
  /// Throws when it was already withdrawn or `date` is before the exemption began.
  public func withdrawn(on date: CivilDate) throws(DomainError) -> Exemption {
    if let withdrawnOn { throw DomainError.exemptionAlreadyWithdrawn(citizen, on: withdrawnOn) }
    guard date >= since else { throw DomainError.withdrawalBeforeExemption(citizen, since: since, date: date) }
    var copy = self
    copy.withdrawnOn = date
    return copy
  }

  /// Encodes the criteria in the form's order, so that the same exemption always gives
  /// the same bytes (a `Set` encodes in a different order in every process).
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(citizen, forKey: .citizen)
    try container.encode(since, forKey: .since)
    try container.encode(criteria.sorted(), forKey: .criteria)
    try container.encode(grantedForEmigration, forKey: .grantedForEmigration)
    try container.encode(paperCopiesRequested, forKey: .paperCopiesRequested)
    try container.encodeIfPresent(withdrawnOn, forKey: .withdrawnOn)
  }
}
