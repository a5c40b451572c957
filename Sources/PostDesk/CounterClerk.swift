import DigitalPost

/// The clerk at the counter, as a command names them: an id, and the centre when it is not
/// the citizen's own municipality's.
public struct CounterClerk: Sendable, Equatable {
  /// The clerk's user name or initials, as the audit log records them.
  public var id: String
  /// The centre the clerk works at; nil means the centre of the citizen's municipality.
  public var centre: MunicipalityCode?

  /// Names clerk `id`, at `centre` or, when nil, at the centre of the citizen's municipality.
  public init(id: String, centre: MunicipalityCode? = nil) {
    self.id = id
    self.centre = centre
  }

  /// The clerk at their centre, or at `fallback` when none was named.
  func resolved(fallback: MunicipalityCode) throws -> Clerk {
    try Clerk(id: id, centre: centre ?? fallback)
  }
}
