/// A municipality (kommune), by its three-digit code: 101 København, 751 Aarhus.
public struct MunicipalityCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The three-digit code.
  public let value: Int
  /// A code, or nil unless it has three digits.
  public init?(_ value: Int) {
    guard (100...999).contains(value) else { return nil }
    self.value = value
  }
  /// The code, e.g. `101`.
  public var description: String { String(value) }
  /// Lower codes sort first.
  public static func < (a: MunicipalityCode, b: MunicipalityCode) -> Bool { a.value < b.value }
  /// Decodes the code as a number.
  public init(from decoder: Decoder) throws {
    let v = try decoder.singleValueContainer().decode(Int.self)
    guard let code = MunicipalityCode(v) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "\(v) is not a three-digit municipality code"))
    }
    self = code
  }
  /// Encodes the code as a number.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(value)
  }
}
