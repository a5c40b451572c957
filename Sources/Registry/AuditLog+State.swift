import DigitalPost
import Foundation

/// The audit log as a guard of the state, not only of itself: every exemption period,
/// access version, application and decision must be what the log says was written, and
/// every entry that wrote one must still have its row. An edit with plain SQL, a deleted
/// row, or entries cut off the end of the log show up here.
///
/// One ordered pass over the log (`LoggedState`), then one pass over each table, each row
/// checked with a look-up in memory: a national registry (5,000,000 citizens, 250,000
/// exemptions) is checked in seconds. The first design asked the log two queries per row,
/// one of them a range scan, and ran for more than ten minutes on it.
extension AuditLog {
  /// The first disagreement between the tables and the log, in words; nil when they agree.
  static func verifyState(_ db: any StoreConnection, subjectKey: (CPRNumber) -> String) throws -> String? {
    var state = try LoggedState(db)
    if let problem = try checkExemptions(db, &state, subjectKey) { return problem }
    if let problem = try checkAccesses(db, &state, subjectKey) { return problem }
    if let problem = try checkApplications(db, &state, subjectKey) { return problem }
    if let problem = try checkDecisions(db, &state, subjectKey) { return problem }
    return try checkEveryEntryHasItsRow(db, state)
  }

  private static func cutOff(_ what: String, _ id: Int64, last: Int64) -> String {
    "\(what) was written by audit entry \(id), but the log ends at entry \(last): entries were cut off the end"
  }

  private static let changed = "the row was changed outside PostDesk"

  /// Reads the rows of `sql` in turn until `check` finds a problem: that problem, or nil.
  private static func firstProblem(_ db: any StoreConnection, _ sql: String, _ check: (StoreRow) throws -> String?)
    throws -> String?
  {
    struct Found: Error { var problem: String }
    do {
      try db.forEach(sql, []) { row in
        if let problem = try check(row) { throw Found(problem: problem) }
      }
    } catch let found as Found {
      return found.problem
    }
    return nil
  }

  private static func checkExemptions(
    _ db: any StoreConnection, _ state: inout LoggedState, _ subjectKey: (CPRNumber) -> String
  ) throws -> String? {
    try firstProblem(db, "SELECT \(Registry.exemptionColumns), audit_id FROM exemption") { row in
      let record = try Registry.exemptionRecord(row)
      let id: Int64 = row[9]
      let what = "the exemption of \(record.cpr) since \(record.since)"
      if id > state.last { return cutOff(what, id, last: state.last) }
      guard let logged = state.take(id), logged.writer == .exemptionStart else {
        return "\(what) names audit entry \(id), which did not start it: \(changed)"
      }
      if LoggedState.digest(subjectKey(record.cpr), AuditJSON.exemption(record)) != logged.digest {
        return "\(what) is not what the audit log says was written: \(changed)"
      }
      return nil
    }
  }

  private static func checkAccesses(
    _ db: any StoreConnection, _ state: inout LoggedState, _ subjectKey: (CPRNumber) -> String
  ) throws -> String? {
    try firstProblem(db, "SELECT \(Registry.accessColumns), audit_id FROM access") { row in
      let record = try Registry.accessRecord(row)
      let id: Int64 = row[8]
      let what = "the access of \(record.helper) to \(record.owner) from \(record.from)"
      if id > state.last { return cutOff(what, id, last: state.last) }
      guard let logged = state.take(id), logged.writer == .accessGrant || logged.writer == .accessChange else {
        return "\(what) names audit entry \(id), which did not write it: \(changed)"
      }
      if LoggedState.digest(subjectKey(record.owner), AuditJSON.access(record)) != logged.digest {
        return "\(what) is not what the audit log says was written: \(changed)"
      }
      return nil
    }
  }

  private static func checkDecisions(
    _ db: any StoreConnection, _ state: inout LoggedState, _ subjectKey: (CPRNumber) -> String
  ) throws -> String? {
    try firstProblem(
      db,
      """
      SELECT d.application_id, d.granted, d.reason, d.effective, d.centre, d.clerk, d.audit_id, a.cpr, d.withdrawn
      FROM decision d JOIN application a ON a.id = d.application_id
      """
    ) { row in
      let application: Int64 = row[0]
      let id: Int64 = row[6]
      let what = "the decision on application \(application)"
      if id > state.last { return cutOff(what, id, last: state.last) }
      let written = AuditJSON.decision(
        application: application, granted: row[1], reason: Self.loggedReason(withdrawn: row[8], reason: row[2]),
        effective: CivilDate(iso: row[3]) ?? CivilDate(dayNumber: 0))
      guard let logged = state.take(id), logged.writer == .applicationDecide,
        LoggedState.digest(subjectKey(CitizenRow.cpr(row[7])), written, row[5], row[4]) == logged.digest
      else {
        return "\(what) is not what the audit log says was written: \(changed)"
      }
      return nil
    }
  }

  /// A decision row's reason as the log gives it: a withdrawal's is `AuditWording.withdrawal`,
  /// and a withdrawal that holds a reason is not one the log can have written.
  private static func loggedReason(withdrawn: Bool, reason: String?) -> String? {
    guard withdrawn else { return reason }
    return reason.map { "a withdrawal with the reason \($0)" } ?? AuditWording.withdrawal
  }

  /// Every application: its applicant, day, centre, clerk, criteria, representative,
  /// identity documents and paper copies as `application.record` logged them.
  private static func checkApplications(
    _ db: any StoreConnection, _ state: inout LoggedState, _ subjectKey: (CPRNumber) -> String
  ) throws -> String? {
    try firstProblem(
      db,
      """
      SELECT id, cpr, received_on, centre, clerk, criteria, representative_authority, representative_name,
        identity_documents, paper_copies, audit_id FROM application
      """
    ) { row in
      let applicationID: Int64 = row[0]
      let cpr = CitizenRow.cpr(row[1])
      let id: Int64 = row[10]
      let what = "application \(applicationID) (of \(cpr), received on \(row[2] as String))"
      if id > state.last { return cutOff(what, id, last: state.last) }
      guard let logged = state.take(id), logged.writer == .applicationRecord else {
        return "\(what) names audit entry \(id), which did not record it: \(changed)"
      }
      let stored = try StoredApplication(row)
      let text = stored.application.map(AuditJSON.encode) ?? "unreadable"
      if LoggedState.digest(subjectKey(cpr), text, stored.clerk, stored.centre) != logged.digest {
        let fields = try differences(db, entry: id, stored, key: subjectKey(cpr))
        return "\(what) is not what the audit log says was recorded (\(fields)): \(changed)"
      }
      return nil
    }
  }

  /// An application row of `checkApplications`, each column read on its own (nil: unreadable).
  private struct StoredApplication {
    var receivedOn: String
    var centre: String
    var clerk: String
    var criteria: [String]?
    var representation: String?
    var documents: [PresentedDocument]?
    var paperCopies: Bool

    init(_ row: StoreRow) throws {
      let decoder = JSONDecoder()
      receivedOn = row[2]
      centre = row[3]
      clerk = row[4]
      criteria = try? decoder.decode([String].self, from: Data((row[5] as String).utf8))
      if let authority: String = row[6] {
        let known = try Registry.decode(
          authority, Representative.Authority.init(code:), codes: Representative.Authority.codes,
          table: "application", row: "application \(row[0] as Int64)", column: "representative_authority")
        representation = AuditWording.text(Representative(.name(row[7] ?? ""), authority: known))
      }
      documents = try? decoder.decode([PresentedDocument].self, from: Data((row[8] as String).utf8))
      paperCopies = row[9]
    }

    /// As `application.record` logs it; nil when a column cannot be read.
    var application: AuditJSON.Application? {
      guard let criteria, let documents else { return nil }
      return AuditJSON.Application(
        receivedOn: receivedOn, criteria: criteria, representation: representation, identityDocuments: documents,
        paperCopies: paperCopies)
    }
  }

  /// What differs between an application row and its entry, in words: asked only of the
  /// first row found changed, so the entry is read again here rather than kept in memory.
  private static func differences(_ db: any StoreConnection, entry id: Int64, _ stored: StoredApplication, key: String)
    throws -> String
  {
    guard
      let entry = try db.fetchOne("SELECT subject_key, after, clerk, centre FROM audit WHERE id = ?", [id]),
      let logged = LoggedState.application(entry[1])
    else { return "changed: its entry cannot be read" }
    var fields: [String] = []
    if entry[0] as String? != key { fields.append("applicant") }
    if stored.receivedOn != logged.receivedOn { fields.append("day received") }
    if entry[3] as String != stored.centre { fields.append("centre") }
    if entry[2] as String != stored.clerk { fields.append("clerk") }
    if stored.criteria != logged.criteria { fields.append("criteria") }
    if stored.representation != logged.representation { fields.append("representative") }
    if stored.documents != logged.identityDocuments { fields.append("identity documents") }
    if stored.paperCopies != logged.paperCopies { fields.append("paper copies") }
    return "changed: " + (fields.isEmpty ? "its content" : fields.joined(separator: ", "))
  }

  /// Every entry that wrote a row still has it. Exemption periods and access versions from
  /// the entry on which every version is kept (before it, a second change the same day
  /// replaced the first one's row); applications and decisions were always kept.
  private static func checkEveryEntryHasItsRow(_ db: any StoreConnection, _ state: LoggedState) throws -> String? {
    // An integer in SQLite's `meta` (the migration that began keeping every row wrote it); a
    // registry that always kept every row has none.
    let first: Int64 =
      switch try db.fetchOne("SELECT value FROM meta WHERE key = 'every_row_kept_from'")?.values[0] {
      case .integer(let id)?: id
      case .text(let text)?: Int64(text) ?? 1
      case .blob(let bytes)?: Int64(String(decoding: bytes, as: UTF8.self)) ?? 1
      default: 1
      }
    let missing = state.expected.lazy.filter { id, expected in
      switch expected.writer {
      case .exemptionStart, .accessGrant, .accessChange: id >= first
      default: true
      }
    }.min { $0.key < $1.key }
    guard let (id, expected) = missing else { return nil }
    return "audit entry \(id) (\(expected.writer.rawValue)) wrote a row that is no longer there: it was deleted "
      + "outside PostDesk"
  }
}
