/// A citizen's status in CPR, with the date it began (domain.md §1, §3).
public enum CPRStatus: Hashable, Sendable, Codable {
  /// Living in Denmark at a fixed address.
  case resident
  /// Registered as living abroad (udrejst).
  case emigrated(since: CivilDate)
  /// Registered without fixed residence (uden fast bopæl).
  case noFixedResidence(since: CivilDate)
  /// Dead, since the day of death.
  case deceased(on: CivilDate)
}
