import DigitalPost
import Foundation
import Testing

@testable import Registry

@Suite("CSV import of a CPR extract")
struct ImportTests {
  let header =
    "cpr,name,street,building,floor,door,postcode,city,co_name,foreign_lines,country,status,status_date,language,municipality,custody_1,custody_2\n"

  func write(_ text: String, in dir: URL, name: String = "citizens.csv") throws -> String {
    let path = dir.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func sampleImportsAndReimportChangesNothing() throws {
    let registry = try Registry.inMemory()
    let first = try registry.importCitizens(
      csvPath: Fixtures.sampleCSV, effective: Fixtures.date("2026-11-01"), actor: Fixtures.clerk)
    #expect(first.rows == 40 && first.created == 40 && first.updated == 0 && first.auditEntryID == 1)
    let again = try registry.importCitizens(
      csvPath: Fixtures.sampleCSV, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    #expect(again.created == 0 && again.updated == 0 && again.unchanged == 40 && again.auditEntryID == 2)
    #expect(try Fixtures.count(registry, "citizen") == 40)
    guard case .intact(count: 2, _) = try registry.verifyAuditChain() else {
      Issue.record("two imports, two entries")
      return
    }
    let anders = try #require(try registry.citizen(Fixtures.cpr("101075-0063"), asOf: Fixtures.date("2026-11-22")))
    #expect(anders.address == .foreign(ForeignAddress(lines: ["Hauptstraße 5", "10115 Berlin"], countryCode: "DE")))
  }

  @Test func changedRowsGetANewVersion() throws {
    let dir = try Fixtures.temporaryDirectory()
    let registry = try Registry.inMemory()
    let v1 = try write(header + "090685-4012,Åse Østergaard,Åboulevarden,7A,,,5000,Odense C,,,,,,da,461,,\n", in: dir)
    _ = try registry.importCitizens(csvPath: v1, effective: Fixtures.date("2026-01-01"), actor: Fixtures.clerk)
    let v2 = try write(
      header + "090685-4012,Åse Østergaard,,,,,,,,Storgatan 12|211 42 Malmö,SE,emigrated,2026-03-01,da,461,,\n", in: dir
    )
    let summary = try registry.importCitizens(
      csvPath: v2, effective: Fixtures.date("2026-03-01"), actor: Fixtures.clerk)
    #expect(summary.updated == 1)
    let a = Fixtures.cpr("090685-4012")
    #expect(try registry.citizen(a, asOf: Fixtures.date("2026-02-28"))?.status == .resident)
    #expect(
      try registry.citizen(a, asOf: Fixtures.date("2026-03-01"))?.status
        == .emigrated(since: Fixtures.date("2026-03-01")))
    #expect(try registry.auditEntries(about: a).map(\.action) == ["citizens.import", "citizens.import"])
  }

  @Test func badRowAbortsWithLineAndNothingIsWritten() throws {
    let dir = try Fixtures.temporaryDirectory()
    let registry = try Registry.inMemory()
    _ = try registry.importCitizens(
      csvPath: Fixtures.sampleCSV, effective: Fixtures.date("2026-11-01"), actor: Fixtures.clerk)
    var text = header
    for i in 0..<15 { text += "0906\(85 - i)-4012,Person \(i),,,,,,,,,,,,da,101,,\n" }
    text += "311324-1234,Bad Date,,,,,,,,,,,,da,101,,\n"
    let path = try write(text, in: dir)
    #expect(
      throws: RegistryError(
        "\(path):17: \"311324-1234\": no such date: there is no month 13 (DDMMYY, months 01-12)")
    ) {
      try registry.importCitizens(csvPath: path, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    }
    #expect(try Fixtures.count(registry, "citizen") == 40)
    #expect(try registry.auditEntryCount() == 1)
  }

  @Test(arguments: [
    (
      "290223-1234,X,,,,,,,,,,,,da,101,,",
      "\"290223-1234\": no such date: February 1923 has 28 days, not 29 (1923 is not a leap year; 7th digit 1 and YY 23 give 1923)"
    ),
    ("010203-1234,,,,,,,,,,,,,da,101,,", "name is empty"),
    (
      "010203-1234,X,,,,,,,,,,,,da,1010,,",
      "municipality \"1010\" is not a three-digit municipality code (101, 751, ...)"
    ),
    ("010203-1234,X,,,,,,,,,,deceased,,da,101,,", "status deceased needs a status_date (YYYY-MM-DD)"),
    (
      "010203-1234,X,Algade,1,,,4000,Roskilde,,Main St,US,,,da,101,,",
      "both a Danish (street ... co_name) and a foreign address (foreign_lines, country); give one"
    ),
    ("010203-1234,X,,,,,,,,,,,,fr,101,,", "language \"fr\" is not da or en"),
    (
      "010203-1234,X,,,,,,,,,,,,da,101,0102031234X,",
      "custody_1: \"0102031234X\": character 11 (\"X\") is not a digit; a CPR number is DDMMYY-SSSS or DDMMYYSSSS"
    ),
    ("010203-1234,X,,,,,,,,,,,,da,101", "expected 17 fields as in the header, found 15"),
    ("010203-1234,\"X,,,,,,,,,,,,da,101,,", "a quoted field is not closed (a quote inside a field is written \"\")"),
  ])
  func rowErrors(row: String, reason: String) throws {
    let dir = try Fixtures.temporaryDirectory()
    let registry = try Registry.inMemory()
    let path = try write(header + row + "\n", in: dir)
    #expect(throws: RegistryError("\(path):2: \(reason)")) {
      try registry.importCitizens(csvPath: path, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    }
  }

  @Test func repeatedCPRNumberIsAnError() throws {
    let dir = try Fixtures.temporaryDirectory()
    for preloaded in [false, true] {
      let registry = try Registry.inMemory()
      if preloaded {
        _ = try registry.importCitizens(
          csvPath: Fixtures.sampleCSV, effective: Fixtures.date("2026-11-01"), actor: Fixtures.clerk)
      }
      let row = "090685-4012,Åse Østergaard,,,,,,,,,,,,da,461,,\n"
      let path = try write(header + row + row, in: dir)
      #expect(throws: RegistryError("\(path):3: 090685-XXXX appears more than once in the file")) {
        try registry.importCitizens(csvPath: path, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
      }
    }
  }

  @Test func emptyAndMissingFilesAreNamed() throws {
    let dir = try Fixtures.temporaryDirectory()
    let registry = try Registry.inMemory()
    let empty = try write("", in: dir)
    #expect(throws: RegistryError("\(empty): the file is empty")) {
      try registry.importCitizens(csvPath: empty, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    }
    let missing = dir.appendingPathComponent("missing.csv").path
    #expect(throws: RegistryError("cannot read \(missing): no such file or not readable")) {
      try registry.importCitizens(csvPath: missing, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    }
    #expect(try registry.auditEntryCount() == 0)
  }

  @Test func errorAfterManyBatchesStillWritesNothing() throws {
    let dir = try Fixtures.temporaryDirectory()
    let registry = try Registry.inMemory()
    // More rows than one parser batch, so the failure comes after rows were inserted.
    var text = header
    var line = 1
    outer: for year in 30...99 {
      for day in 1...28 {
        for serial in 0..<6 {
          text += "\(day < 10 ? "0" : "")\(day)01\(year)-000\(serial),Borger,,,,,,,,,,,,da,101,,\n"
          line += 1
          if line > 9000 { break outer }
        }
      }
    }
    text += "010101-0001,Borger,,,,,,,,,,,,da,10,,\n"
    let path = try write(text, in: dir)
    #expect(
      throws: RegistryError(
        "\(path):\(line + 1): municipality \"10\" is not a three-digit municipality code (101, 751, ...)")
    ) {
      try registry.importCitizens(csvPath: path, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    }
    #expect(try Fixtures.count(registry, "citizen") == 0)
    #expect(try registry.auditEntryCount() == 0)
  }

  @Test func unknownColumnIsNamed() throws {
    let dir = try Fixtures.temporaryDirectory()
    let registry = try Registry.inMemory()
    let path = try write("cpr,name,municipality,shoe_size\n", in: dir)
    #expect(
      throws: RegistryError(
        "\(path):1: unknown column \"shoe_size\" in the header; the columns are cpr,name,street,building,floor,door,postcode,city,co_name,foreign_lines,country,status,status_date,language,municipality,custody_1,custody_2"
      )
    ) {
      try registry.importCitizens(csvPath: path, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    }
  }

  /// A CPR number twice in one file is an error even when its first row changes nothing: the
  /// last row would otherwise silently win.
  @Test func repeatedUnchangedRowIsAnError() throws {
    let dir = try Fixtures.temporaryDirectory()
    let registry = try Registry.inMemory()
    let row = "090685-4012,Åse Østergaard,,,,,,,,,,,,da,461,,\n"
    _ = try registry.importCitizens(
      csvPath: try write(header + row, in: dir, name: "first.csv"), effective: Fixtures.date("2026-11-01"),
      actor: Fixtures.clerk)
    let path = try write(header + row + "090685-4012,Åse Hansen,,,,,,,,,,,,da,461,,\n", in: dir)
    #expect(throws: RegistryError("\(path):3: 090685-XXXX appears more than once in the file")) {
      try registry.importCitizens(csvPath: path, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    }
    #expect(
      try registry.citizen(Fixtures.cpr("090685-4012"), asOf: Fixtures.date("2026-11-22"))?.name == "Åse Østergaard")
    #expect(try registry.auditEntryCount() == 1)
  }

  /// Bytes a file should not hold are refused with the line, the column's name and the byte,
  /// never stored: a name is not silently changed to "S\u{FFFD}ren".
  static let badRows: [(row: [UInt8], reason: String)] = {
    let longStreet: String = String(repeating: "a", count: 513)
    let notUTF8: [UInt8] = Array("010203-1234,S".utf8) + [0xF8] + Array("ren,,,,,,,,,,,,da,101,,".utf8)
    let quotedNotUTF8: [UInt8] = Array("010203-1234,\"S".utf8) + [0xC3] + Array("\",,,,,,,,,,,,da,101,,".utf8)
    let control: [UInt8] = Array("010203-1234,Sø\u{1}ren,,,,,,,,,,,,da,101,,".utf8)
    let tab: [UInt8] = Array("010203-1234,\"Sø\tren\",,,,,,,,,,,,da,101,,".utf8)
    let long: [UInt8] = Array("010203-1234,X,\(longStreet),1,,,4000,Roskilde,,,,,,da,101,,".utf8)
    return [
      (notUTF8, "name holds bytes that are not UTF-8 at byte 14 of the line; save the file as UTF-8"),
      (quotedNotUTF8, "name holds bytes that are not UTF-8 at byte 15 of the line; save the file as UTF-8"),
      (control, "name holds the control character U+0001 at byte 16 of the line; remove it"),
      (tab, "name holds the control character U+0009 at byte 17 of the line; remove it"),
      (long, "street is 513 bytes long; a field holds at most 512"),
    ]
  }()

  @Test(arguments: badRows)
  func bytesAFileShouldNotHoldAreRefused(row: [UInt8], reason: String) throws {
    let dir = try Fixtures.temporaryDirectory()
    let registry = try Registry.inMemory()
    let path = dir.appendingPathComponent("citizens.csv").path
    try Data(Array(header.utf8) + row + [10]).write(to: URL(fileURLWithPath: path))
    #expect(throws: RegistryError("\(path):2: \(reason)")) {
      try registry.importCitizens(csvPath: path, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    }
    #expect(try Fixtures.count(registry, "citizen") == 0)
    #expect(try registry.auditEntryCount() == 0)
  }

  /// A spreadsheet's byte order mark before the header is not part of the first column's name.
  @Test func byteOrderMarkIsAccepted() throws {
    let dir = try Fixtures.temporaryDirectory()
    let registry = try Registry.inMemory()
    let path = dir.appendingPathComponent("citizens.csv").path
    try Data([0xEF, 0xBB, 0xBF] + Array((header + "090685-4012,Åse Østergaard,,,,,,,,,,,,da,461,,\n").utf8)).write(
      to: URL(fileURLWithPath: path))
    let summary = try registry.importCitizens(
      csvPath: path, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    #expect(summary.created == 1)
  }
}
