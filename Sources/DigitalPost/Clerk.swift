/// A clerk (sagsbehandler) at a Citizen Service Centre: who recorded a change, and where
/// (domain.md §1). Every change records the clerk, the centre and the date.
public struct Clerk: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The clerk's user name or initials, as the municipality's systems know them.
  public let id: String
  /// The municipality of the centre the clerk works at.
  public let centre: MunicipalityCode

  /// A clerk; throws when `id` is empty or holds whitespace, since it goes into the audit log.
  public init(id: String, centre: MunicipalityCode) throws(DomainError) {
    guard !id.isEmpty, !id.contains(where: \.isWhitespace) else { throw DomainError.invalidClerkID(id) }
    self.id = id
    self.centre = centre
  }

  /// `id@centre`, e.g. `abc@101`, for logs.
  public var description: String { "\(id)@\(centre)" }

  private enum CodingKeys: String, CodingKey { case id, centre }

  /// Decodes and validates a clerk.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      id: container.decode(String.self, forKey: .id), centre: container.decode(MunicipalityCode.self, forKey: .centre))
  }
}
