import DigitalPost
import Foundation

/// An application that awaits a decision, with the applicant as the register holds them on
/// the day asked (that version decides which municipality decides it).
public struct UndecidedApplication: Sendable, Hashable {
  /// The application as recorded.
  public var application: ApplicationRecord
  /// The applicant's version on the day asked.
  public var applicant: Citizen
}

extension Registry {
  /// The application columns, then the decision's, as `applicationRecord(_:)` reads them.
  static let applicationColumns = """
    a.id, a.cpr, a.received_on, a.centre, a.clerk, a.criteria, a.representative_authority, a.representative_name,
    a.identity_documents, a.paper_copies, d.granted, d.reason, d.effective, d.clerk, d.centre, d.withdrawn
    """

  /// The number of `applicationColumns`.
  static let applicationColumnCount = 16

  /// An application (and its decision, when the row has one) from a row of `applicationColumns`.
  static func applicationRecord(_ row: StoreRow) throws -> ApplicationRecord {
    var decision: DecisionRecord?
    let id: Int64 = row[0]
    if let granted: Bool = row[10] {
      decision = DecisionRecord(
        granted: granted, reason: row[11], effective: CivilDate(iso: row[12])!, clerk: row[13],
        centre: try municipality(row[14], table: "decision", row: "application \(id)"), isWithdrawal: row[15])
    }
    var representative: Representative?
    if let authority: String = row[6] {
      let known = try decode(
        authority, Representative.Authority.init(code:), codes: Representative.Authority.codes, table: "application",
        row: "application \(id)", column: "representative_authority")
      representative = Representative(.name(row[7] ?? ""), authority: known)
    }
    return ApplicationRecord(
      id: id, cpr: CitizenRow.cpr(row[1]), receivedOn: CivilDate(iso: row[2])!,
      centre: try municipality(row[3], table: "application", row: "application \(id)"), clerk: row[4],
      criteria: try criteria(row[5], table: "application", row: "application \(id)"), representative: representative,
      identityDocuments: try documents(row[8], row: "application \(id)"), paperCopies: row[9], decision: decision)
  }

  /// Every application without a decision, oldest first (by the day received, then by number),
  /// each with its applicant's version in force on `asOf`: the day the decision reads them
  /// on too, so that the queue and the decision name one municipality (a move imported with
  /// a later effective date moves the application on that day). An applicant with no version
  /// that day is left out. The work queue: which municipality decides is the rules'
  /// question (`ExemptionRules.decidingMunicipality`), not the registry's.
  ///
  /// Every signed-in page counts the queue (the layout's badge), so the last queue read is
  /// kept with the audit log's head it was read at (`UndecidedQueue`): whatever moves an
  /// application into or out of the queue, or moves its applicant to another municipality,
  /// appends an audit entry (an application, a decision, a withdrawal, a citizen's change, an
  /// import), so the same head and day give the same queue, and a page asks only for the head.
  /// The head is read before the queue, so a queue kept is never older than its head says.
  public func undecidedApplications(asOf: CivilDate) throws -> [UndecidedApplication] {
    // One statement each, a snapshot of its own: no transaction around them (a BEGIN and
    // COMMIT cost as much as the head's query).
    let head: Int64 = try store.readStatement { try $0.fetchValue("SELECT max(id) FROM audit") } ?? 0
    if let kept = undecidedQueue.withLock({ $0 }), kept.asOf == asOf, kept.head == head { return kept.queue }
    let queue = try store.readStatement { db in
      try db.fetchAll(Self.undecidedSQL, [asOf.iso]).map { row in
        UndecidedApplication(
          application: try Self.applicationRecord(row),
          applicant: CitizenRow.citizen(from: row, base: Self.applicationColumnCount))
      }
    }
    undecidedQueue.withLock { $0 = UndecidedQueue(asOf: asOf, head: head, queue: queue) }
    return queue
  }

  /// The work queue's query: every signed-in page counts the queue (the layout's badge), so its
  /// statement is made once per connection, not compiled again per page (issue 25).
  static let undecidedSQL: String = {
    let citizenColumns = CitizenRow.selection.split(separator: ",").map {
      "c." + $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }.joined(separator: ", ")
    return """
      SELECT \(applicationColumns), \(citizenColumns)
      FROM application a LEFT JOIN decision d ON d.application_id = a.id
      JOIN citizen c ON c.cpr = a.cpr AND c.valid_from <= ?1 AND (c.valid_to IS NULL OR c.valid_to > ?1)
      WHERE d.application_id IS NULL ORDER BY a.received_on, a.id
      """
  }()

  /// Every application of `cpr`, decided or not, newest first.
  public func applications(of cpr: CPRNumber) throws -> [ApplicationRecord] {
    try store.read { db in
      try db.fetchAll(
        """
        SELECT \(Self.applicationColumns) FROM application a LEFT JOIN decision d ON d.application_id = a.id
        WHERE a.cpr = ? ORDER BY a.received_on DESC, a.id DESC
        """, [CitizenRow.key(cpr)]
      ).map(Self.applicationRecord)
    }
  }
}
