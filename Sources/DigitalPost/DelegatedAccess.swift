/// The level of a delegated access (domain.md §6).
public enum AccessLevel: String, Hashable, Sendable, Codable, CaseIterable {
  /// læseadgang
  case read = "read"
  /// læse- og skriveadgang
  case readWrite = "read-write"
}
