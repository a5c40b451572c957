/// Where paper letters to a citizen go: a Danish address, a foreign one, or none
/// ("uden fast bopæl").
public enum PostalAddress: Hashable, Sendable, Codable {
  /// An address in Denmark.
  case danish(DanishAddress)
  /// An address abroad.
  case foreign(ForeignAddress)
  /// No address: no fixed residence.
  case none
}
