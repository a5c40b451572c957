/// One change to an existing access made by granting it again (domain.md §6).
public enum AccessChange: Hashable, Sendable, CustomStringConvertible {
  /// The level changed.
  case level(from: AccessLevel, to: AccessLevel)
  /// The expiry date changed.
  case until(from: CivilDate, to: CivilDate)

  /// "level read -> read-write", "expiry 2027-01-31 -> 2028-01-31": for the audit log.
  public var description: String {
    switch self {
    case .level(let old, let new): "level \(old.rawValue) -> \(new.rawValue)"
    case .until(let old, let new): "expiry \(old) -> \(new)"
    }
  }
}
