/// A request for exemption from Digital Post, form FD 001a, as the centre records it
/// (domain.md §4).
public struct ExemptionApplication: Hashable, Sendable, Codable {
  /// The citizen the exemption is for.
  public var applicant: CPRNumber
  /// The criteria ticked. May be empty: the citizen declares that at least one applies
  /// and *may* tick which (`OurRules.criteriaMayBeLeftUnticked`).
  public var criteria: Set<ExemptionCriterion>
  /// Whether the declaration on honour (på tro og love) was signed.
  public var declaredOnHonour: Bool
  /// Who appeared at the counter: the citizen, or a representative on their behalf.
  public var appearance: Appearance
  /// The identity documents of the person who appeared.
  public var documents: [PresentedDocument]
  /// Whether unopened Digital Post of the last 6 months is to be sent on paper.
  public var paperCopiesRequested: Bool
  /// The day the application was handed in.
  public var date: CivilDate
  /// The municipality of the Citizen Service Centre that received it.
  public var centre: MunicipalityCode

  /// Records an application.
  public init(
    applicant: CPRNumber, criteria: Set<ExemptionCriterion> = [], declaredOnHonour: Bool,
    appearance: Appearance = .inPerson, documents: [PresentedDocument], paperCopiesRequested: Bool = false,
    date: CivilDate, centre: MunicipalityCode
  ) {
    self.applicant = applicant
    self.criteria = criteria
    self.declaredOnHonour = declaredOnHonour
    self.appearance = appearance
    self.documents = documents
    self.paperCopiesRequested = paperCopiesRequested
    self.date = date
    self.centre = centre
  }

  /// The ticked criteria in the form's order.
  public var sortedCriteria: [ExemptionCriterion] { criteria.sorted() }

  /// Encodes the criteria in the form's order, so that the same application always gives
  /// the same bytes (a `Set` encodes in a different order in every process).
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(applicant, forKey: .applicant)
    try container.encode(sortedCriteria, forKey: .criteria)
    try container.encode(declaredOnHonour, forKey: .declaredOnHonour)
    try container.encode(appearance, forKey: .appearance)
    try container.encode(documents, forKey: .documents)
    try container.encode(paperCopiesRequested, forKey: .paperCopiesRequested)
    try container.encode(date, forKey: .date)
    try container.encode(centre, forKey: .centre)
  }

  /// Who handed the application in (domain.md §4).
  public enum Appearance: Hashable, Sendable, Codable {
    /// The citizen appeared in person.
    case inPerson
    /// Someone appeared on the citizen's behalf.
    case onBehalf(Representative)
  }
}
