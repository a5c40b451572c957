import DigitalPost
import Registry

/// Everything the desk shows of one citizen on a date, read in one snapshot of the registry:
/// what `CitizenOnDate` says, and the accesses to and from their letterbox with the other
/// person's name. `postdesk citizens show` and the web desk's citizen page both show it.
public struct LookUpCitizen: Sendable {
  /// One access, and the other person in it.
  public struct Access: Sendable {
    /// The access as recorded.
    public var record: AccessRecord
    /// The other person: the helper of an access given, the owner of one held.
    public var other: CPRNumber
    /// The other person's name as registered on the date; empty when the registry has no
    /// record of them that day.
    public var otherName: String
  }

  /// What the found citizen looks like on the date.
  public struct Found: Sendable {
    /// The state, the channel, the exemption and the letterbox.
    public var citizen: CitizenOnDate
    /// Accesses the citizen has given to their letterbox.
    public var given: [Access]
    /// Accesses the citizen holds to other people's letterboxes.
    public var held: [Access]
  }

  /// The registry the look-up reads.
  public let registry: Registry

  /// Makes the look-up for `registry`.
  public init(registry: Registry) { self.registry = registry }

  /// Whether the register held `cpr` on `date`.
  public func isRegistered(_ cpr: CPRNumber, on date: CivilDate) throws -> Bool {
    try registry.citizen(cpr, asOf: date) != nil
  }

  /// The audit entries about `cpr`: changes to them, and imports that changed them.
  public func auditTrail(_ cpr: CPRNumber) throws -> [AuditEntry] {
    try registry.auditEntries(about: cpr)
  }

  /// `cpr` on `date`; nil when the register did not hold them that day.
  public func run(_ cpr: CPRNumber, on date: CivilDate) throws -> Found? {
    try registry.withCitizenReads(asOf: date) { reads in
      guard let citizen = try CitizenOnDate(reads: reads, cpr: cpr, on: date) else { return nil }
      func access(_ record: AccessRecord, other: CPRNumber) throws -> Access {
        Access(record: record, other: other, otherName: try reads.recipientState(other)?.citizen.name ?? "")
      }
      return Found(
        citizen: citizen,
        given: try reads.accesses(owner: cpr).map { try access($0, other: $0.helper) },
        held: try reads.accesses(helper: cpr).map { try access($0, other: $0.owner) })
    }
  }
}
