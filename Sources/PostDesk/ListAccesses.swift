import DigitalPost
import Registry

/// The accesses in force today that a citizen has given, and those given to them.
public struct ListAccesses: Sendable {
  /// The desk whose registry and working day the list reads.
  public let desk: Desk

  /// Makes the list for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// One access, from the point of view of the citizen asked about.
  public struct Entry: Sendable, Equatable {
    /// The other party.
    public var other: CPRNumber
    /// The other party's name as registered today; empty when the registry has no record of them today.
    public var otherName: String
    /// What the helper may do: read, or read and write.
    public var level: AccessLevel
    /// The first day of the access as recorded: the grant, or its latest change of level or expiry.
    public var from: CivilDate
    /// The expiry date: the last day of the access.
    public var until: CivilDate
  }

  /// Accesses `cpr` has given (`given`) and holds to others' post (`held`).
  public func run(cpr: CPRNumber) throws -> (given: [Entry], held: [Entry]) {
    _ = try desk.citizen(cpr)
    func entry(_ record: AccessRecord, other: CPRNumber) throws -> Entry {
      let name = try desk.registry.citizen(other, asOf: desk.today)?.name ?? ""
      return Entry(other: other, otherName: name, level: record.level, from: record.from, until: record.until)
    }
    let given = try desk.registry.accesses(owner: cpr, asOf: desk.today).map { try entry($0, other: $0.helper) }
    let held = try desk.registry.accesses(helper: cpr, asOf: desk.today).map { try entry($0, other: $0.owner) }
    return (given, held)
  }
}
