import DigitalPost

/// The reads of one citizen's page, on one read connection in one transaction, with cached
/// statements: the web desk's lookup page makes about six of them per request.
public final class CitizenReads {
  let db: any StoreConnection
  let asOf: String
  let date: CivilDate

  init(db: any StoreConnection, asOf: CivilDate) {
    self.db = db
    self.asOf = asOf.iso
    self.date = asOf
  }

  /// The citizen's version and exemption state on the date.
  public func recipientState(_ cpr: CPRNumber) throws -> RecipientState? {
    try CitizenRow.recipientState(db, cpr, asOf: date)
  }

  /// The exemption in force on the date.
  public func exemption(_ cpr: CPRNumber) throws -> ExemptionRecord? {
    try db.fetchOne(
      "SELECT \(Registry.exemptionColumns) FROM exemption WHERE cpr = ?1 AND \(Registry.inForce) LIMIT 1",
      [CitizenRow.key(cpr), asOf]
    ).map(Registry.exemptionRecord)
  }

  /// The accesses to `owner`'s post in force on the date.
  public func accesses(owner: CPRNumber) throws -> [AccessRecord] { try accesses("owner", owner) }

  /// The accesses `helper` holds on the date.
  public func accesses(helper: CPRNumber) throws -> [AccessRecord] { try accesses("helper", helper) }

  private func accesses(_ column: String, _ cpr: CPRNumber) throws -> [AccessRecord] {
    try Registry.accessesInForce(db, column, cpr, asOf: date)
  }
}

@available(*, unavailable)
extension CitizenReads: Sendable {}

extension Registry {
  /// Runs `body` with the reads of one citizen page as of `asOf`, all from one snapshot.
  public func withCitizenReads<T>(asOf: CivilDate, _ body: (CitizenReads) throws -> T) throws -> T {
    try store.read { db in try body(CitizenReads(db: db, asOf: asOf)) }
  }
}
