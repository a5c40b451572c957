import DigitalPost

/// The clerk a session belongs to.
public struct SignedInClerk: Sendable, Equatable {
  /// The clerk's user name or initials, as they signed in.
  public var id: String
  /// The municipality of the centre the clerk works at, from their account.
  public var centre: MunicipalityCode
  /// Whether the clerk administers the desk.
  public var isAdmin: Bool
}
