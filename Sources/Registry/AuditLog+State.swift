import DigitalPost
import Foundation
import GRDB

/// The audit log as a guard of the state, not only of itself: every exemption period,
/// access version and decision must be what the log says was written, and every entry that
/// wrote one must still have its row. An edit with plain SQL, a deleted row, or entries cut
/// off the end of the log show up here.
extension AuditLog {
  /// The first disagreement between the tables and the log, in words; nil when they agree.
  static func verifyState(_ db: Database, subjectKey: (CPRNumber) -> String) throws -> String? {
    let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit") ?? 0
    if let problem = try checkExemptions(db, last: last, subjectKey: subjectKey) { return problem }
    if let problem = try checkAccesses(db, last: last, subjectKey: subjectKey) { return problem }
    if let problem = try checkDecisions(db, last: last, subjectKey: subjectKey) { return problem }
    return try checkEveryEntryHasItsRow(db)
  }

  private struct Logged {
    var id: Int64
    var action: String
    var subjectKey: String?
    var before: String?
    var after: String?
    var clerk: String
    var centre: String
  }

  private static func entry(_ db: Database, _ id: Int64) throws -> Logged? {
    try Row.fetchOne(
      db.cachedStatement(sql: "SELECT id, action, subject_key, before, after, clerk, centre FROM audit WHERE id = ?"),
      arguments: [id]
    ).map {
      Logged(id: $0[0], action: $0[1], subjectKey: $0[2], before: $0[3], after: $0[4], clerk: $0[5], centre: $0[6])
    }
  }

  /// The first entry after `id` about `key` with one of `actions` whose `before` is `state`:
  /// the entry that ended or changed what `id` wrote.
  private static func successor(_ db: Database, of id: Int64, key: String, actions: [String], state: String?) throws
    -> Logged?
  {
    let placeholders = actions.map { _ in "?" }.joined(separator: ", ")
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT id, action, subject_key, before, after, clerk, centre FROM audit
        WHERE subject_key = ? AND id > ? AND action IN (\(placeholders)) ORDER BY id
        """, arguments: StatementArguments([key, id] as [any DatabaseValueConvertible] + actions))
    return rows.map {
      Logged(id: $0[0], action: $0[1], subjectKey: $0[2], before: $0[3], after: $0[4], clerk: $0[5], centre: $0[6])
    }.first { $0.before == state }
  }

  private static func cutOff(_ what: String, _ id: Int64, last: Int64) -> String {
    "\(what) was written by audit entry \(id), but the log ends at entry \(last): entries were cut off the end"
  }

  private static func checkExemptions(_ db: Database, last: Int64, subjectKey: (CPRNumber) -> String) throws
    -> String?
  {
    let rows = try Row.fetchAll(
      db, sql: "SELECT \(Registry.exemptionColumns), audit_id FROM exemption ORDER BY cpr, valid_from, audit_id")
    for row in rows {
      let record = Registry.exemptionRecord(row)
      let id: Int64 = row[8]
      let what = "the exemption of \(record.cpr) since \(record.since)"
      if id > last { return cutOff(what, id, last: last) }
      let key = subjectKey(record.cpr)
      guard let start = try entry(db, id), start.action == "exemption.start", start.subjectKey == key else {
        return "\(what) names audit entry \(id), which did not start it: the row was changed outside PostDesk"
      }
      var expected = start.after
      if let end = try successor(db, of: id, key: key, actions: ["exemption.end"], state: start.after) {
        expected = end.after
      }
      if AuditJSON.exemption(record) != expected {
        return "\(what) is not what the audit log says was written: the row was changed outside PostDesk"
      }
    }
    return nil
  }

  private static func checkAccesses(_ db: Database, last: Int64, subjectKey: (CPRNumber) -> String) throws
    -> String?
  {
    let rows = try Row.fetchAll(
      db, sql: "SELECT \(Registry.accessColumns), audit_id FROM access ORDER BY owner, helper, valid_from, audit_id")
    for row in rows {
      let record = Registry.accessRecord(row)
      let id: Int64 = row[8]
      let what = "the access of \(record.helper) to \(record.owner) from \(record.from)"
      if id > last { return cutOff(what, id, last: last) }
      let key = subjectKey(record.owner)
      guard let start = try entry(db, id), ["access.grant", "access.change"].contains(start.action),
        start.subjectKey == key
      else {
        return "\(what) names audit entry \(id), which did not write it: the row was changed outside PostDesk"
      }
      var expected = start.after
      if let next = try successor(
        db, of: id, key: key, actions: ["access.end", "access.change"], state: start.after)
      {
        if next.action == "access.end" {
          expected = next.after
        } else {
          // A change closes the version it replaces on the change's first day.
          var closed = (try? JSONDecoder().decode([String: String].self, from: Data((start.after ?? "").utf8))) ?? [:]
          let changed = (try? JSONDecoder().decode([String: String].self, from: Data((next.after ?? "").utf8))) ?? [:]
          closed["endedOn"] = changed["from"] ?? ""
          closed["endReason"] = "changed"
          expected = AuditJSON.encode(closed)
        }
      }
      if AuditJSON.access(record) != expected {
        return "\(what) is not what the audit log says was written: the row was changed outside PostDesk"
      }
    }
    return nil
  }

  private static func checkDecisions(_ db: Database, last: Int64, subjectKey: (CPRNumber) -> String) throws
    -> String?
  {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT d.application_id, d.granted, d.reason, d.effective, d.centre, d.clerk, d.audit_id, a.cpr
        FROM decision d JOIN application a ON a.id = d.application_id ORDER BY d.application_id
        """)
    for row in rows {
      let application: Int64 = row[0]
      let id: Int64 = row[6]
      let what = "the decision on application \(application)"
      if id > last { return cutOff(what, id, last: last) }
      let expected = AuditJSON.decision(
        application: application, granted: row[1], reason: row[2],
        effective: CivilDate(iso: row[3]) ?? CivilDate(dayNumber: 0))
      guard let logged = try entry(db, id), logged.action == "application.decide",
        logged.subjectKey == subjectKey(CitizenRow.cpr(row[7])), logged.after == expected, logged.centre == row[4],
        logged.clerk == row[5]
      else {
        return "\(what) is not what the audit log says was written: the row was changed outside PostDesk"
      }
    }
    return nil
  }

  /// Every entry that wrote a row still has it: from the entry on which every version is
  /// kept (before it, a second change the same day replaced the first one's row).
  private static func checkEveryEntryHasItsRow(_ db: Database) throws -> String? {
    let first =
      try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'every_row_kept_from'") ?? 1
    let checks: [(String, String)] = [
      ("'exemption.start'", "SELECT 1 FROM exemption WHERE audit_id = audit.id"),
      ("'access.grant', 'access.change'", "SELECT 1 FROM access WHERE audit_id = audit.id"),
      ("'application.decide'", "SELECT 1 FROM decision WHERE audit_id = audit.id"),
    ]
    for (actions, exists) in checks {
      if let row = try Row.fetchOne(
        db,
        sql: """
          SELECT id, action FROM audit WHERE id >= ? AND action IN (\(actions)) AND NOT EXISTS (\(exists))
          ORDER BY id LIMIT 1
          """, arguments: [first])
      {
        let id: Int64 = row[0]
        let action: String = row[1]
        return "audit entry \(id) (\(action)) wrote a row that is no longer there: it was deleted outside PostDesk"
      }
    }
    return nil
  }
}
