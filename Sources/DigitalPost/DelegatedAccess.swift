/// A helper's access to an owner's Digital Post (domain.md §6).
///
/// The access holds from `from` through `until` (the expiry date is its last day, see
/// `OurRules.accessValidThroughExpiryDate`), until the owner revokes it or the helper gives
/// it up, and ends when either of them dies. One access per owner–helper pair at a time.
public struct DelegatedAccess: Hashable, Sendable, Codable {
  /// The citizen whose post is opened.
  public var owner: CPRNumber
  /// The citizen who may read (and write).
  public var helper: CPRNumber
  /// What the helper may do.
  public var level: AccessLevel
  /// The first day of the access.
  public var from: CivilDate
  /// The expiry date, chosen at the grant; after `from`.
  public var until: CivilDate
  /// How the owner consented.
  public var consent: Consent
  /// The revocation by the owner or the giving up by the helper, once it happened.
  public var ending: Ending?

  /// Records an access.
  public init(
    owner: CPRNumber, helper: CPRNumber, level: AccessLevel, from: CivilDate, until: CivilDate, consent: Consent,
    ending: Ending? = nil
  ) {
    self.owner = owner
    self.helper = helper
    self.level = level
    self.from = from
    self.until = until
    self.consent = consent
    self.ending = ending
  }

  /// How the owner consented (domain.md §6); raw values are the CLI words.
  public enum Consent: String, Hashable, Sendable, Codable, CaseIterable {
    /// The owner appeared in person with ID.
    case inPerson = "in-person"
    /// The owner was represented with a power of attorney.
    case powerOfAttorney = "power-of-attorney"
  }

  /// An access ended by one of the two people, and when: it no longer holds from `on`.
  public struct Ending: Hashable, Sendable, Codable {
    /// Who ended it.
    public var reason: AccessEndReason
    /// The day it ended.
    public var on: CivilDate

    /// Records an ending.
    public init(_ reason: AccessEndReason, on: CivilDate) {
      self.reason = reason
      self.on = on
    }
  }

  /// The state of the access on `date`, given the owner's and helper's current CPR status
  /// (death on or before `date` ends it).
  public func status(on date: CivilDate, ownerStatus: CPRStatus, helperStatus: CPRStatus) -> AccessStatus {
    // Each candidate is (first day no longer in force, why, the day to report).
    var ends: [(CivilDate, AccessEndReason, CivilDate)] = []
    let lastDay = OurRules.accessValidThroughExpiryDate ? until : until.adding(days: -1)
    ends.append((lastDay.adding(days: 1), .expired, until))
    if let ending { ends.append((ending.on, ending.reason, ending.on)) }
    if case .deceased(let died) = ownerStatus { ends.append((died, .ownerDied, died)) }
    if case .deceased(let died) = helperStatus { ends.append((died, .helperDied, died)) }
    if let first = ends.min(by: { $0.0 < $1.0 }), first.0 <= date {
      return .ended(first.1, on: first.2)
    }
    if date < from { return .notStarted(from: from) }
    return .inForce(until: until)
  }

  /// Whether the access holds on `date`.
  public func isInForce(on date: CivilDate, ownerStatus: CPRStatus, helperStatus: CPRStatus) -> Bool {
    if case .inForce = status(on: date, ownerStatus: ownerStatus, helperStatus: helperStatus) { return true }
    return false
  }
}
