import DigitalPost
import GRDB

/// The SQLite store's routing lookup: "what did the register say of this CPR number on the
/// day?" many times over, on one read connection with held prepared statements.
///
/// Two questions: `facts(_:)`, what routing needs (one rowid look-up in the compact table
/// `citizen_route`), and `callAsFunction(_:)`, the whole record the printer needs (one
/// B-tree descent into `citizen`). The exemptions in force are read once, when the lookup
/// opens. The statements are held and the date bound once, so a letter binds one integer
/// and steps; `withRecipientLookup` chooses how the connection reads the file.
///
/// Not Sendable: it lives inside `Registry.withRecipientLookup` on that connection's thread.
final class SQLiteRouting {
  /// The day every answer is taken as of.
  let asOf: CivilDate
  /// The statement of `citizenSQL`, with `asOf` bound as ?2 for the whole session.
  private let statement: Statement
  private let raw: RawStatement
  /// The statement of `CitizenRoute.factsSQL`, held like `statement`; the key bound per call.
  private let factsStatement: Statement
  private let factsRaw: RawStatement
  /// `asOf` as `citizen_route` stores dates.
  private let asOfDay: Int64
  /// The CPR keys of everyone exempt on `asOf`, ascending, read once: a letter then asks
  /// the citizen table alone (2 MB for a national register's 5 %).
  private let exempt: [Int64]
  /// The first database error met; `withRecipientLookup` rethrows it.
  private(set) var firstError: (any Error)?

  init(db: Database, asOf: CivilDate) throws {
    self.asOf = asOf
    let asOfISO = asOf.iso
    self.exempt = try Self.exemptKeys(db, asOf: asOfISO)
    self.statement = try db.cachedStatement(sql: Self.citizenSQL)
    self.raw = RawStatement(statement, db)
    self.factsStatement = try db.cachedStatement(sql: CitizenRoute.factsSQL)
    self.factsRaw = RawStatement(factsStatement, db)
    self.asOfDay = CitizenRoute.day(asOf)
    raw.reset()
    raw.bind(2, asOfISO)
  }

  /// The exemptions in force on `asOf`, by CPR key: the table's key order is (cpr,
  /// valid_from), so the scan gives them sorted; sorted again only if it ever does not.
  static func exemptKeys(_ db: Database, asOf: String) throws -> [Int64] {
    let raw = RawStatement(
      try db.cachedStatement(
        sql: "SELECT cpr FROM exemption WHERE valid_from <= ?1 AND (valid_to IS NULL OR valid_to > ?1)"), db)
    defer { raw.reset() }
    raw.bind(1, asOf)
    var keys: [Int64] = []
    var sorted = true
    while try raw.step() {
      let key = raw.int64(0) ?? 0
      if let last = keys.last, last >= key { sorted = false }
      keys.append(key)
    }
    if !sorted { keys.sort() }
    return keys
  }

  /// Whether `key` is among the sorted `exempt` keys.
  private func isExempt(_ key: Int64) -> Bool {
    var low = 0
    var high = exempt.count
    while low < high {
      let middle = (low + high) / 2
      if exempt[middle] < key { low = middle + 1 } else { high = middle }
    }
    return low < exempt.count && exempt[low] == key
  }

  /// The state of `cpr` on `asOf`, nil when unknown that day: fits `DeliveryRules.route`'s lookup.
  func state(_ cpr: CPRNumber) -> RecipientState? {
    // Bindings survive a reset: only the key changes from letter to letter.
    defer { raw.resetKeepingBindings() }
    let key = CitizenRow.key(cpr)
    raw.bind(1, key)
    do {
      guard try raw.step() else { return nil }
    } catch {
      if firstError == nil { firstError = error }
      return nil
    }
    return RecipientState(citizen: CitizenRow.citizen(raw, cpr: cpr), isExempt: isExempt(key))
  }

  /// What routing needs of `cpr` on `asOf`, nil when unknown that day: fits
  /// `DeliveryRules.route`'s lookup.
  ///
  /// From the compact table when the citizen's open version began on or before `asOf`;
  /// otherwise (an earlier date, or no open version) from the history in `citizen`.
  func facts(_ cpr: CPRNumber) -> RoutingFacts? {
    let key = CitizenRow.key(cpr)
    factsRaw.bind(1, key)
    defer { factsRaw.resetKeepingBindings() }
    do {
      if try factsRaw.step(), let validFrom = factsRaw.int64(0), validFrom <= asOfDay {
        return CitizenRoute.facts(factsRaw, isExempt: isExempt(key))
      }
    } catch {
      if firstError == nil { firstError = error }
      return nil
    }
    return state(cpr)?.routingFacts
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
extension SQLiteRouting: Sendable {}
