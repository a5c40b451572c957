/// An address abroad: free address lines and an ISO 3166 alpha-2 country code.
public struct ForeignAddress: Hashable, Sendable, Codable {
  /// The address lines, as the country writes them.
  public var lines: [String]
  /// ISO 3166 alpha-2, e.g. `ES`.
  public var countryCode: String

  /// Records an address.
  public init(lines: [String], countryCode: String) {
    self.lines = lines
    self.countryCode = countryCode
  }
}
