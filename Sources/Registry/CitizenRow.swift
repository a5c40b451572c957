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

  /// The arguments of `insertSQL`.
  static func insertArguments(_ c: Citizen, validFrom: CivilDate, auditID: Int64) -> StatementArguments {
    var kind = "none"
    var coName: String?
    var street: String?
    var building: String?
    var floor: String?
    var door: String?
    var postcode: String?
    var city: String?
    var foreignLines: String?
    var country: String?
    switch c.address {
    case .danish(let a):
      kind = "danish"
      (coName, street, building, floor, door, postcode, city) =
        (a.coName, a.street, a.building, a.floor, a.door, a.postcode, a.city)
    case .foreign(let a):
      kind = "foreign"
      foreignLines = a.lines.joined(separator: "\n")
      country = a.countryCode
    case .none:
      break
    }
    let (status, statusDate) = statusColumns(c.status)
    let custody1: Int64? = c.custodyHolders.first.map(key)
    let custody2: Int64? = c.custodyHolders.count > 1 ? key(c.custodyHolders[1]) : nil
    let values: [(any DatabaseValueConvertible)?] = [
      key(c.cpr), validFrom.iso, c.cpr.birthDate.iso, c.name, kind, coName, street, building, floor, door,
      postcode, city, foreignLines, country, status, statusDate, c.language.rawValue, c.municipality.value,
      custody1, custody2, auditID,
    ]
    return StatementArguments(values)
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
  static func key(_ cpr: CPRNumber) -> Int64 { Int64(cpr.digits)! }

  /// The CPR number of a stored key; the registry only stores numbers it parsed.
  static func cpr(_ key: Int64) -> CPRNumber {
    var digits = String(key)
    if digits.count < 10 { digits = String(repeating: "0", count: 10 - digits.count) + digits }
    return try! CPRNumber(parsing: digits)
  }

  /// Reads a citizen from a row selected with `selection`, starting at column `base`.
  static func citizen(from row: Row, base: Int = 0) -> Citizen {
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
    let statusDate = (row[base + 13] as String?).flatMap(CivilDate.init(iso:))
    let status: CPRStatus
    switch (row[base + 12] as String, statusDate) {
    case ("emigrated", let d?): status = .emigrated(since: d)
    case ("no-fixed-residence", let d?): status = .noFixedResidence(since: d)
    case ("deceased", let d?): status = .deceased(on: d)
    default: status = .resident
    }
    var holders: [CPRNumber] = []
    if let h: Int64 = row[base + 16] { holders.append(CitizenRow.cpr(h)) }
    if let h: Int64 = row[base + 17] { holders.append(CitizenRow.cpr(h)) }
    return Citizen(
      cpr: cpr, name: row[base + 1], address: address, status: status,
      language: Language(rawValue: row[base + 14]) ?? .da,
      municipality: MunicipalityCode(row[base + 15]) ?? MunicipalityCode(101)!, custodyHolders: holders)
  }
}
