import DigitalPost
import Foundation

extension Registry {
  /// A version holds on day `?2` (valid_to is exclusive, NULL open).
  static let inForce = "valid_from <= ?2 AND (valid_to IS NULL OR valid_to > ?2)"

  /// The columns `exemptionRecord(_:)` reads, in its order.
  static let exemptionColumns = """
    cpr, valid_from, valid_to, end_reason, criteria, for_emigration, application_id, paper_copies_from, end_helper
    """

  /// An exemption period from a row of `exemptionColumns`; an unknown end reason is an error
  /// naming the row.
  static func exemptionRecord(_ row: StoreRow) throws -> ExemptionRecord {
    let cpr = CitizenRow.cpr(row[0])
    let since = CivilDate(iso: row[1])!
    return ExemptionRecord(
      cpr: cpr, since: since, endedOn: (row[2] as String?).flatMap(CivilDate.init(iso:)),
      endReason: try exemptionEndReason(code: row[3], helper: row[8], row: "\(cpr) since \(since)"),
      criteria: try criteria(row[4], table: "exemption", row: "\(cpr) since \(since)"), forEmigration: row[5],
      applicationID: row[6], paperCopiesFrom: (row[7] as String?).flatMap(CivilDate.init(iso:)))
  }

  /// The columns `accessRecord(_:)` reads, in its order.
  static let accessColumns = "owner, helper, level, valid_from, until, valid_to, end_reason, consent"

  /// An access version from a row of `accessColumns`; an unknown end reason or consent is an
  /// error naming the row.
  static func accessRecord(_ row: StoreRow) throws -> AccessRecord {
    let owner = CitizenRow.cpr(row[0])
    let helper = CitizenRow.cpr(row[1])
    let from = CivilDate(iso: row[3])!
    // Made only for a message: this runs for every access the citizen page shows.
    let key = { "\(owner) and \(helper) from \(from)" }
    return AccessRecord(
      owner: owner, helper: helper, level: AccessLevel(rawValue: row[2])!, from: from, until: CivilDate(iso: row[4])!,
      endedOn: (row[5] as String?).flatMap(CivilDate.init(iso:)),
      endReason: try (row[6] as String?).map {
        try decode(
          $0, AccessVersionEnd.init(code:), codes: AccessVersionEnd.codes, table: "access", row: key(),
          column: "end_reason")
      },
      consent: try decode(
        row[7], DelegatedAccess.Consent.init(code:), codes: DelegatedAccess.Consent.codes, table: "access", row: key(),
        column: "consent"))
  }

  /// The accesses with `column` (`owner` or `helper`) = `cpr` that the rules hold in force
  /// on `asOf` (`DelegatedAccess.status`): through the expiry date, and not past the death
  /// of either person. Every read of accesses goes through here, so that lists, the citizen
  /// page and the use cases agree with the rule.
  static func accessesInForce(_ db: any StoreConnection, _ column: String, _ cpr: CPRNumber, asOf: CivilDate) throws
    -> [AccessRecord]
  {
    let records = try db.fetchAll(
      "SELECT \(accessColumns) FROM access WHERE \(column) = ?1 AND \(inForce) ORDER BY owner, helper",
      [CitizenRow.key(cpr), asOf.iso]
    ).map(accessRecord)
    return try records.filter { record in
      record.access.isInForce(
        on: asOf, ownerStatus: try currentStatus(db, record.owner), helperStatus: try currentStatus(db, record.helper))
    }
  }

  /// The pair's access version that holds on `asOf` by its own dates, whether or not the
  /// rules still hold it in force (expired, a death): for ending or changing it.
  static func accessVersion(_ db: any StoreConnection, owner: CPRNumber, helper: CPRNumber, asOf: CivilDate) throws
    -> AccessRecord?
  {
    try db.fetchOne(
      """
      SELECT \(accessColumns) FROM access WHERE owner = ?1 AND \(inForce) AND helper = ?3
      ORDER BY valid_from DESC, audit_id DESC LIMIT 1
      """,
      [CitizenRow.key(owner), asOf.iso, CitizenRow.key(helper)]
    ).map(accessRecord)
  }

  /// The citizen's latest CPR status: a death is known from the day it is imported, and
  /// ends accesses from the day it happened.
  static func currentStatus(_ db: any StoreConnection, _ cpr: CPRNumber) throws -> CPRStatus {
    try latestStatus(db, cpr) ?? .resident
  }

  /// The citizen's latest CPR status, nil when not in the register.
  static func latestStatus(_ db: any StoreConnection, _ cpr: CPRNumber) throws -> CPRStatus? {
    guard
      let row = try db.fetchOne(
        "SELECT status, status_date FROM citizen WHERE cpr = ? ORDER BY valid_from DESC, audit_id DESC LIMIT 1",
        [CitizenRow.key(cpr)])
    else { return nil }
    return CitizenRow.status(row[0], (row[1] as String?).flatMap(CivilDate.init(iso:)))
  }

  static func application(_ db: any StoreConnection, id: Int64) throws -> ApplicationRecord? {
    try db.fetchOne(
      """
      SELECT \(applicationColumns)
      FROM application a LEFT JOIN decision d ON d.application_id = a.id WHERE a.id = ?
      """, [id]
    ).map(applicationRecord)
  }

  /// A list of words as stored: a JSON array of strings.
  static func encodeWords(_ words: [String]) -> String { AuditJSON.encode(words) }

  /// Identity documents as stored: a JSON array of objects (`kind`, and `expires`, `issued`,
  /// `cprNumberShown` where known).
  static func encodeDocuments(_ documents: [PresentedDocument]) -> String { AuditJSON.encode(documents) }

}
