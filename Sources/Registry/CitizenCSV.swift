import DigitalPost

/// The columns of a CPR register extract (docs/citizens-csv.md) and how a row becomes a `Citizen`.
enum CitizenCSV {
  /// Every column, in the order the sample and the benchmark write them.
  static let columns = [
    "cpr", "name", "street", "building", "floor", "door", "postcode", "city", "co_name", "foreign_lines",
    "country", "status", "status_date", "language", "municipality", "custody_1", "custody_2",
  ]
  /// The columns a file must have; the others may be left out of the header.
  static let required: Set = ["cpr", "name", "municipality"]

  /// Where each column sits in a file, from its header line.
  struct Layout {
    var index: [Int?]
    var count: Int
    /// The header's column names, in the file's order, to name a field in messages.
    var names: [String]

    init(header: [String]) throws(RegistryError) {
      let names = header.map { $0.trimmingCharacters() }
      for name in names where !CitizenCSV.columns.contains(name) {
        throw RegistryError(
          "unknown column \"\(name)\" in the header; the columns are \(CitizenCSV.columns.joined(separator: ","))")
      }
      for name in CitizenCSV.columns where names.filter({ $0 == name }).count > 1 {
        throw RegistryError("column \"\(name)\" appears twice in the header")
      }
      let missing = CitizenCSV.columns.filter { CitizenCSV.required.contains($0) && !names.contains($0) }
      if !missing.isEmpty {
        throw RegistryError(
          "the header lacks the column(s) \(missing.joined(separator: ",")); see docs/citizens-csv.md")
      }
      index = CitizenCSV.columns.map { names.firstIndex(of: $0) }
      count = names.count
      self.names = names
    }
  }

  /// The citizen of one row, or what is wrong with it.
  static func citizen(_ f: [String], _ layout: Layout) throws(RegistryError) -> Citizen {
    guard f.count == layout.count else {
      throw RegistryError("expected \(layout.count) fields as in the header, found \(f.count)")
    }
    // Each column once: absent or empty is nil (fields come trimmed from `CSVLines`).
    let values: [String?] = layout.index.map { i in i.flatMap { f[$0].isEmpty ? nil : f[$0] } }
    func value(_ column: Int) -> String? { values[column] }
    let cpr: CPRNumber
    do { cpr = try CPRNumber(parsing: value(0) ?? "") } catch { throw RegistryError(error.message) }
    guard let name = value(1) else { throw RegistryError("name is empty") }
    let address = try self.address(value)
    let status = try self.status(value(11), date: value(12))
    let language: Language
    if let word = value(13) {
      guard let l = Language(rawValue: word) else {
        throw RegistryError("language \"\(word)\" is not da or en")
      }
      language = l
    } else {
      language = .da
    }
    guard let text = value(14), text.count == 3, let number = Int(text), let municipality = MunicipalityCode(number)
    else {
      throw RegistryError("municipality \"\(value(14) ?? "")\" is not a three-digit municipality code (101, 751, ...)")
    }
    var holders: [CPRNumber] = []
    for column in [15, 16] {
      guard let text = value(column) else { continue }
      do { holders.append(try CPRNumber(parsing: text)) } catch {
        throw RegistryError("\(columns[column]): \(error.message)")
      }
    }
    return Citizen(
      cpr: cpr, name: name, address: address, status: status, language: language, municipality: municipality,
      custodyHolders: holders)
  }

  private static func address(_ value: (Int) -> String?) throws(RegistryError) -> PostalAddress {
    let hasDanish = (2...8).contains { value($0) != nil }
    let hasForeign = value(9) != nil || value(10) != nil
    if hasDanish && hasForeign {
      throw RegistryError("both a Danish (street ... co_name) and a foreign address (foreign_lines, country); give one")
    }
    if hasForeign {
      guard let lines = value(9) else { throw RegistryError("country without foreign_lines") }
      guard let country = value(10), country.count == 2, country.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
        throw RegistryError("country \"\(value(10) ?? "")\" is not an ISO 3166 alpha-2 code (DE, SE, US, ...)")
      }
      let split = lines.split(separator: "|").map { String($0).trimmingCharacters() }
      return .foreign(ForeignAddress(lines: split, countryCode: country))
    }
    if !hasDanish { return .none }
    guard let street = value(2), let building = value(3), let postcode = value(6), let city = value(7) else {
      throw RegistryError("a Danish address needs street, building, postcode and city")
    }
    guard postcode.count == 4, postcode.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw RegistryError("postcode \"\(postcode)\" is not four digits")
    }
    return .danish(
      DanishAddress(
        coName: value(8), street: street, building: building, floor: value(4), door: value(5), postcode: postcode,
        city: city))
  }

  private static func status(_ word: String?, date text: String?) throws(RegistryError) -> CPRStatus {
    let date: CivilDate?
    if let text {
      guard let d = CivilDate(iso: text) else {
        throw RegistryError("status_date \"\(text)\" is not a date of the form YYYY-MM-DD")
      }
      date = d
    } else {
      date = nil
    }
    switch (word ?? "resident", date) {
    case ("resident", nil): return .resident
    case ("resident", _?): throw RegistryError("status resident takes no status_date")
    case ("emigrated", let d?): return .emigrated(since: d)
    case ("no-fixed-residence", let d?): return .noFixedResidence(since: d)
    case ("deceased", let d?): return .deceased(on: d)
    case ("emigrated", nil), ("no-fixed-residence", nil), ("deceased", nil):
      throw RegistryError("status \(word!) needs a status_date (YYYY-MM-DD)")
    default:
      throw RegistryError(
        "status \"\(word!)\" is not one of resident, emigrated, no-fixed-residence, deceased")
    }
  }
}

extension String {
  /// Without leading and trailing spaces and tabs.
  func trimmingCharacters() -> String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return s.startIndex == startIndex && s.endIndex == endIndex ? self : String(s)
  }
}
