import DigitalPost
import GRDB

/// How a `Citizen` maps to a `citizen` row: the one place that knows the columns.
enum CitizenRow {
  /// The columns every read selects, in the order `citizen(from:)` expects.
  static let selection = """
    cpr, name, address_kind, co_name, street, building, floor, door, postcode, city, \
    foreign_lines, country, status, status_date, language, municipality, custody_1, custody_2
    """

  /// The insert, with `valid_from`, `audit_id` and the citizen's columns as arguments.
  static let insertSQL = """
    INSERT INTO citizen (cpr, valid_from, valid_to, birth_date, name, address_kind, co_name, street, \
    building, floor, door, postcode, city, foreign_lines, country, status, status_date, language, \
    municipality, custody_1, custody_2, audit_id)
    VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """

  /// Inserts `c` on either engine.
  static func insert(_ db: any StoreConnection, _ c: Citizen, validFrom: String, auditID: Int64) throws {
    try db.execute(insertSQL, arguments(c, validFrom: validFrom, auditID: auditID))
  }

  /// The arguments of `insertSQL` for `c`.
  static func arguments(_ c: Citizen, validFrom: String, auditID: Int64) -> [any StoreBindable] {
    var values: [StoreValue] = Array(repeating: .null, count: 21)
    values[0] = .integer(key(c.cpr))
    values[1] = .text(validFrom)
    values[2] = .text(c.cpr.birthDate.iso)
    values[3] = .text(c.name)
    switch c.address {
    case .danish(let a):
      values[4] = .text("danish")
      values[5] = a.coName.storeValue
      values[6] = .text(a.street)
      values[7] = .text(a.building)
      values[8] = a.floor.storeValue
      values[9] = a.door.storeValue
      values[10] = .text(a.postcode)
      values[11] = .text(a.city)
    case .foreign(let a):
      values[4] = .text("foreign")
      values[12] = .text(a.lines.joined(separator: "\n"))
      values[13] = .text(a.countryCode)
    case .none:
      values[4] = .text("none")
    }
    let (status, statusDate) = statusColumns(c.status)
    values[14] = .text(status)
    values[15] = statusDate.storeValue
    values[16] = .text(c.language.rawValue)
    values[17] = .integer(Int64(c.municipality.value))
    values[18] = c.custodyHolders.first.map(key).storeValue
    values[19] = (c.custodyHolders.count > 1 ? key(c.custodyHolders[1]) : nil).storeValue
    values[20] = .integer(auditID)
    return values
  }

  /// Inserts `c` with `raw`, a statement of `insertSQL` the caller holds: the import does
  /// this five million times, and finding the statement in GRDB's cache hashes the SQL text.
  static func insert(_ raw: RawStatement, _ c: Citizen, validFrom: String, auditID: Int64) throws {
    defer { raw.reset() }
    raw.bind(1, key(c.cpr))
    raw.bind(2, validFrom)
    raw.bind(3, c.cpr.birthDate.iso)
    raw.bind(4, c.name)
    switch c.address {
    case .danish(let a):
      raw.bind(5, "danish")
      raw.bind(6, a.coName)
      raw.bind(7, a.street)
      raw.bind(8, a.building)
      raw.bind(9, a.floor)
      raw.bind(10, a.door)
      raw.bind(11, a.postcode)
      raw.bind(12, a.city)
    case .foreign(let a):
      raw.bind(5, "foreign")
      raw.bind(13, a.lines.joined(separator: "\n"))
      raw.bind(14, a.countryCode)
    case .none:
      raw.bind(5, "none")
    }
    let (status, statusDate) = statusColumns(c.status)
    raw.bind(15, status)
    raw.bind(16, statusDate)
    raw.bind(17, c.language.rawValue)
    raw.bind(18, Int64(c.municipality.value))
    raw.bind(19, c.custodyHolders.first.map(key))
    raw.bind(20, c.custodyHolders.count > 1 ? key(c.custodyHolders[1]) : nil)
    raw.bind(21, auditID)
    _ = try raw.step()
  }

  /// Reads a citizen selected with `selection` from a stepped raw statement; `cpr` is the
  /// number looked up, so it is not parsed again. The routing lookup's inner loop: the
  /// registry's own words (address kind, status, language) are told apart by their first
  /// byte rather than made into strings.
  static func citizen(_ raw: RawStatement, cpr: CPRNumber) -> Citizen {
    let address: PostalAddress
    switch raw.firstByte(2) {
    case UInt8(ascii: "d"):
      address = .danish(
        DanishAddress(
          coName: raw.text(3), street: raw.text(4) ?? "", building: raw.text(5) ?? "", floor: raw.text(6),
          door: raw.text(7), postcode: raw.text(8) ?? "", city: raw.text(9) ?? ""))
    case UInt8(ascii: "f"):
      address = .foreign(
        ForeignAddress(
          lines: (raw.text(10) ?? "").split(separator: "\n").map(String.init), countryCode: raw.text(11) ?? ""))
    default:
      address = .none
    }
    let status: CPRStatus
    switch raw.firstByte(12) {
    case UInt8(ascii: "r"), nil: status = .resident
    default: status = Self.status(raw.text(12) ?? "", raw.date(13))
    }
    let holders = custodyHolders(raw.int64(16), raw.int64(17))
    return Citizen(
      cpr: cpr, name: raw.text(1) ?? "", address: address, status: status,
      language: raw.firstByte(14) == UInt8(ascii: "d") ? .da : Language(rawValue: raw.text(14) ?? "") ?? .da,
      municipality: MunicipalityCode(Int(raw.int64(15) ?? 0))!, custodyHolders: holders)
  }

  /// The status of the `status` and `status_date` columns.
  static func status(_ word: String, _ date: CivilDate?) -> CPRStatus {
    switch (word, date) {
    case ("emigrated", let d?): .emigrated(since: d)
    case ("no-fixed-residence", let d?): .noFixedResidence(since: d)
    case ("deceased", let d?): .deceased(on: d)
    default: .resident
    }
  }

  /// The `status` and `status_date` columns of a CPR status.
  static func statusColumns(_ status: CPRStatus) -> (String, String?) {
    switch status {
    case .resident: ("resident", nil)
    case .emigrated(let d): ("emigrated", d.iso)
    case .noFixedResidence(let d): ("no-fixed-residence", d.iso)
    case .deceased(let d): ("deceased", d.iso)
    }
  }

  /// The stored key of a CPR number: its ten digits as an integer.
  static func key(_ cpr: CPRNumber) -> Int64 { cpr.storedValue }

  /// The CPR number of a stored key; the registry only stores numbers it parsed.
  static func cpr(_ key: Int64) -> CPRNumber {
    CPRNumber(storedValue: key)!
  }

  /// The custody holders of the stored keys `custody_1` and `custody_2` (either may be NULL).
  static func custodyHolders(_ first: Int64?, _ second: Int64?) -> [CPRNumber] {
    // On the routing path: no array made for the many with none.
    switch (first, second) {
    case (nil, nil): return []
    case (let first?, nil): return [cpr(first)]
    case (nil, let second?): return [cpr(second)]
    case (let first?, let second?): return [cpr(first), cpr(second)]
    }
  }

  /// What routing needs of `cpr` on `asOf`, on either engine: through the C API on SQLite
  /// (the citizen page asks it on every request), in portable SQL elsewhere.
  static func recipientState(_ db: any StoreConnection, _ cpr: CPRNumber, asOf: CivilDate) throws -> RecipientState? {
    if let sqlite = db as? SQLiteConnection { return try SQLiteRouting.fetch(sqlite.db, cpr, asOf: asOf.iso) }
    guard let row = try db.fetchOne(SQLiteRouting.sql, [key(cpr), asOf.iso]) else { return nil }
    return RecipientState(citizen: citizen(from: row), isExempt: row[18])
  }

  /// Reads a citizen from a row selected with `selection`, starting at column `base`.
  static func citizen(from row: StoreRow, base: Int = 0) -> Citizen {
    let cpr = cpr(row[base])
    let address: PostalAddress
    switch row[base + 2] as String {
    case "danish":
      address = .danish(
        DanishAddress(
          coName: row[base + 3], street: row[base + 4], building: row[base + 5], floor: row[base + 6],
          door: row[base + 7], postcode: row[base + 8], city: row[base + 9]))
    case "foreign":
      let lines: String = row[base + 10]
      address = .foreign(
        ForeignAddress(lines: lines.split(separator: "\n").map(String.init), countryCode: row[base + 11]))
    default:
      address = .none
    }
    let status = status(row[base + 12], (row[base + 13] as String?).flatMap(CivilDate.init(iso:)))
    var holders: [CPRNumber] = []
    if let h: Int64 = row[base + 16] { holders.append(CitizenRow.cpr(h)) }
    if let h: Int64 = row[base + 17] { holders.append(CitizenRow.cpr(h)) }
    return Citizen(
      cpr: cpr, name: row[base + 1], address: address, status: status,
      language: Language(rawValue: row[base + 14]) ?? .da,
      municipality: MunicipalityCode(row[base + 15])!, custodyHolders: holders)
  }
}
