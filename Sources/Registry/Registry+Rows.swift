import DigitalPost
import Foundation
import GRDB

extension Registry {
  /// A version holds on day `?2` (valid_to is exclusive, NULL open).
  static let inForce = "valid_from <= ?2 AND (valid_to IS NULL OR valid_to > ?2)"

  static let exemptionColumns = """
    cpr, valid_from, valid_to, end_reason, criteria, for_emigration, application_id, paper_copies_from
    """

  static func exemptionRecord(_ row: Row) -> ExemptionRecord {
    ExemptionRecord(
      cpr: CitizenRow.cpr(row[0]), since: CivilDate(iso: row[1])!,
      endedOn: (row[2] as String?).flatMap(CivilDate.init(iso:)), endReason: row[3],
      criteria: decodeWords(row[4]).compactMap(ExemptionCriterion.init(rawValue:)), forEmigration: row[5],
      applicationID: row[6], paperCopiesFrom: (row[7] as String?).flatMap(CivilDate.init(iso:)))
  }

  static let accessColumns = "owner, helper, level, valid_from, until, valid_to, end_reason, consent"

  static func accessRecord(_ row: Row) -> AccessRecord {
    AccessRecord(
      owner: CitizenRow.cpr(row[0]), helper: CitizenRow.cpr(row[1]), level: AccessLevel(rawValue: row[2])!,
      from: CivilDate(iso: row[3])!, until: CivilDate(iso: row[4])!,
      endedOn: (row[5] as String?).flatMap(CivilDate.init(iso:)), endReason: row[6], consent: row[7])
  }

  static func application(_ db: Database, id: Int64) throws -> ApplicationRecord? {
    guard
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT a.id, a.cpr, a.received_on, a.centre, a.clerk, a.criteria, a.representation,
            a.identity_documents, a.paper_copies, d.granted, d.reason, d.effective, d.clerk, d.centre
          FROM application a LEFT JOIN decision d ON d.application_id = a.id WHERE a.id = ?
          """, arguments: [id])
    else { return nil }
    var decision: DecisionRecord?
    if let granted: Bool = row[9] {
      decision = DecisionRecord(
        granted: granted, reason: row[10], effective: CivilDate(iso: row[11])!, clerk: row[12], centre: row[13])
    }
    return ApplicationRecord(
      id: row[0], cpr: CitizenRow.cpr(row[1]), receivedOn: CivilDate(iso: row[2])!, centre: row[3], clerk: row[4],
      criteria: decodeWords(row[5]).compactMap(ExemptionCriterion.init(rawValue:)), representation: row[6],
      identityDocuments: decodeWords(row[7]), paperCopies: row[8], decision: decision)
  }

  /// A list of words as stored: a JSON array of strings.
  static func encodeWords(_ words: [String]) -> String { AuditJSON.encode(words) }

  /// The words of a stored JSON array; empty when the text is not one.
  static func decodeWords(_ text: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
  }
}

/// Answers "what did the register say of this CPR number on the day?" many times over, on
/// one read connection with one cached statement: the fast path for routing a batch.
///
/// Not Sendable: it lives inside `Registry.withRecipientLookup` on that connection's thread.
public final class RecipientLookup {
  private let db: Database
  /// The day every answer is taken as of.
  public let asOf: CivilDate
  /// `asOf` as the text the tables compare, made once rather than once a letter.
  private let asOfISO: String
  /// Everyone exempt on `asOf`, read once: a batch then asks the citizen table alone,
  /// one B-tree probe a letter instead of two (a few MB for a national register's 5 %).
  private let exempt: Set<Int64>
  /// The first database error met; `withRecipientLookup` rethrows it.
  private(set) var firstError: (any Error)?

  init(db: Database, asOf: CivilDate) throws {
    self.db = db
    self.asOf = asOf
    self.asOfISO = asOf.iso
    self.exempt = try Set(
      Int64.fetchCursor(
        db, sql: "SELECT cpr FROM exemption WHERE valid_from <= ?1 AND (valid_to IS NULL OR valid_to > ?1)",
        arguments: [asOf.iso]))
  }

  /// The state of `cpr` on `asOf`, nil when unknown that day: fits `DeliveryRules.route`'s lookup.
  public func callAsFunction(_ cpr: CPRNumber) -> RecipientState? {
    do {
      let raw = RawStatement(try db.cachedStatement(sql: Self.citizenSQL), db)
      defer { raw.reset() }
      let key = CitizenRow.key(cpr)
      raw.bind(1, key)
      raw.bind(2, asOfISO)
      guard try raw.step() else { return nil }
      return RecipientState(citizen: CitizenRow.citizen(raw, cpr: cpr), isExempt: exempt.contains(key))
    } catch {
      if firstError == nil { firstError = error }
      return nil
    }
  }

  static let citizenSQL = """
    SELECT \(CitizenRow.selection)
    FROM citizen WHERE cpr = ?1 AND \(Registry.inForce)
    ORDER BY valid_from DESC LIMIT 1
    """

  static let sql = """
    SELECT \(CitizenRow.selection),
      EXISTS (SELECT 1 FROM exemption e WHERE e.cpr = ?1 AND e.valid_from <= ?2
        AND (e.valid_to IS NULL OR e.valid_to > ?2))
    FROM citizen WHERE cpr = ?1 AND \(Registry.inForce)
    ORDER BY valid_from DESC LIMIT 1
    """

  static func fetch(_ db: Database, _ cpr: CPRNumber, asOf: String) throws -> RecipientState? {
    // The C API directly: this runs once per letter, and more for children.
    let raw = RawStatement(try db.cachedStatement(sql: sql), db)
    defer { raw.reset() }
    raw.bind(1, CitizenRow.key(cpr))
    raw.bind(2, asOf)
    guard try raw.step() else { return nil }
    return RecipientState(citizen: CitizenRow.citizen(raw, cpr: cpr), isExempt: raw.int64(18) == 1)
  }
}

@available(*, unavailable)
extension RecipientLookup: Sendable {}
