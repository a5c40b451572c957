/// One entry of a citizen's CPR status history: the status that held from `from` until
/// the next entry (domain.md §1). The registry keeps the history so that rules can ask
/// what held on any date.
public struct CPRStatusChange: Hashable, Sendable, Codable {
  /// The status.
  public var status: CPRStatus
  /// The first day it held.
  public var from: CivilDate

  /// Records a status change.
  public init(_ status: CPRStatus, from: CivilDate) {
    self.status = status
    self.from = from
  }

  /// The status that held on `date` by `history` (in any order), or nil before the first entry.
  public static func status(on date: CivilDate, in history: [CPRStatusChange]) -> CPRStatus? {
    history.filter { $0.from <= date }.max { $0.from < $1.from }?.status
  }
}

extension CPRStatus {
  /// Whether the status means the citizen lives in Denmark: resident, or registered
  /// without fixed residence (which is still a registration in Denmark).
  public var livesInDenmark: Bool {
    switch self {
    case .resident, .noFixedResidence: true
    case .emigrated, .deceased: false
    }
  }

  /// Whether, of a citizen whose current status is this, death had happened by `date`.
  public func isDeceased(on date: CivilDate) -> Bool {
    if case .deceased(let died) = self { return died <= date }
    return false
  }

  /// Whether, of a citizen whose current status is this, they were registered as living
  /// abroad (emigrated) on `date`.
  public func isEmigrated(on date: CivilDate) -> Bool {
    if case .emigrated(let since) = self { return since <= date }
    return false
  }
}
