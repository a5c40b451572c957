import Foundation
import GRDB
import Testing

/// Issue 22's second audit (items 5, 6, 8, 9, 10 and 11), end to end on the built `postdesk`:
/// each case cites its section of docs/rules.md, and every refusal is checked word for word,
/// with its exit status, and the registry and audit log unchanged.
@Suite("postdesk agrees with the rules, second audit, end to end")
struct SecondRulesAuditTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
  }

  static let header =
    "cpr,name,street,building,floor,door,postcode,city,co_name,foreign_lines,country,status,status_date,language,"
    + "municipality,custody_1,custody_2"

  /// Writes `rows` (after the header) as `name` in the test's folder; returns its path.
  func extract(_ rows: [String], name: String = "extract.csv") throws -> String {
    let path = cli.path(name)
    try ([Self.header] + rows).joined(separator: "\n").appending("\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Imports `rows` effective `effective`, which is also "today".
  func importRows(_ rows: [String], effective: String, name: String = "extract.csv") throws {
    let path = try extract(rows, name: name)
    let result = try cli.run(["citizens", "import", path, "--effective", effective], today: effective)
    #expect(result.status == 0, "\(result)")
  }

  /// One value from the registry file.
  func query<T: DatabaseValueConvertible>(_ sql: String) throws -> T? {
    var configuration = Configuration()
    configuration.readonly = true
    let queue = try DatabaseQueue(path: cli.db, configuration: configuration)
    defer { try? queue.close() }
    return try queue.read { db in try T.fetchOne(db, sql: sql) }
  }

  // MARK: §2, §3 what an import may register (items 8 and 9)

  /// (row, the reason after `FILE:2: `)
  static let impossibleRows: [(String, String)] = [
    // §2: a death before the birth the number gives.
    (
      "010203-4234,Ida Holm,Algade,1,,,4000,Roskilde,,,,deceased,2001-12-31,da,265,,",
      "010203-XXXX is registered as dead on 2001-12-31, before the birth date 2003-02-01 the number gives; "
        + "check the date of death and the number"
    ),
    // §2: a death after the day the import takes effect.
    (
      "140382-3518,Mette Jensen,Søndergade,14,2,tv,8000,Aarhus C,,,,deceased,2026-12-05,da,751,,",
      "140382-XXXX is registered as dead on 2026-12-05, after 2026-11-22, the day the record takes effect; "
        + "a death is registered once it has happened: check the date of death"
    ),
    // §3: one person named as both custody holders.
    (
      "010120-4000,Kid Jensen,Søndergade,14,2,tv,8000,Aarhus C,,,,,,da,751,140382-3518,1403823518",
      "010120-XXXX names 140382-XXXX as both custody holders; name each custody holder once"
    ),
  ]

  @Test(arguments: impossibleRows)
  func importRefusesAnImpossibleRow(row: String, reason: String) throws {
    let path = try extract([row])
    try cli.expectRefusal(["citizens", "import", path], "$TMP/extract.csv:2: \(reason)")
    #expect(try cli.run(["citizens", "import", path]).status == 1)
  }

  // MARK: §4 exemption for emigration (items 5, 6 and 11)

  func apply(_ cpr: String, _ extra: [String], today: String = "2026-11-22") throws {
    let result = try cli.run(
      ["exemption", "apply", cpr, "--centre", "101", "--clerk", "ast", "--id", "passport:2030-01-31"] + extra,
      today: today)
    #expect(result.status == 0, "\(result)")
  }

  func decide(_ id: Int, today: String) throws {
    let result = try cli.run(
      ["exemption", "decide", String(id), "--grant", "--clerk", "ast", "--out", "d\(id).html"], today: today)
    #expect(result.status == 0, "\(result)")
  }

  func channel(_ cpr: String, on day: String) throws -> String? { try cli.show(cpr, today: day)["channel"] as? String }

  static let poulAbroad =
    "120940-1653,Poul Andersen,,,,,,,,Hauptstraße 5|10115 Berlin,DE,emigrated,2026-11-23,da,101,,"
  static let poulHome = "120940-1653,Poul Andersen,Vesterbrogade,201,4,mf,1620,København V,,,,,,da,101,,"

  /// §4, item 5: a resident applies on impairment; before the decision an extract registers
  /// them abroad. The grant is not for emigration: it lasts until withdrawn, and their
  /// return does not end it.
  @Test func anOrdinaryExemptionIsNotForEmigration() throws {
    try apply("120940-1653", ["--criterion", "impairment"])
    try importRows([Self.poulAbroad], effective: "2026-11-23")
    try decide(1, today: "2026-11-23")
    #expect(try query("SELECT for_emigration FROM exemption") == 0)
    try importRows([Self.poulHome], effective: "2026-12-01", name: "home.csv")
    #expect(try query("SELECT valid_to FROM exemption") as String? == nil)
    #expect(try channel("120940-1653", on: "2026-12-01") == "paper")
    let letter = try String(contentsOfFile: cli.path("d1.html"), encoding: .utf8)
    #expect(!letter.contains("emigrated") && !letter.contains("udrejst"), "\(letter)")
  }

  /// §4, item 6: a return back-dated to before the grant ends the exemption for emigration
  /// on the day it is imported, not never.
  @Test func aBackDatedReturnEndsTheExemptionWhenImported() throws {
    try apply("101075-0063", ["--criterion", "emigrated"], today: "2026-11-28")
    try decide(1, today: "2026-11-28")
    #expect(try query("SELECT for_emigration FROM exemption") == 1)
    let path = try extract(["101075-0063,Anders Holm,Nørregade,1,,,1165,København K,,,,,,da,101,,"])
    let result = try cli.run(["citizens", "import", path, "--effective", "2026-11-25"], today: "2026-11-30")
    #expect(result.status == 0, "\(result)")
    #expect(
      result.stdout.hasSuffix(
        "effective 2026-11-25 (audit entry 5)\n1 exemption(s) granted for emigration ended: moved back to Denmark\n"),
      "\(result)")
    #expect(try query("SELECT valid_to FROM exemption") == "2026-11-30")
    #expect(try channel("101075-0063", on: "2026-11-29") == "paper")
    #expect(try channel("101075-0063", on: "2026-11-30") == "digital")
    #expect(try cli.run(["audit", "verify"]).status == 0)
  }

  /// §4 and docs/citizens-csv.md, item 11: emigrated on D, granted for emigration on D,
  /// re-imported as resident on D: the emigrated version is kept beside the resident one,
  /// and the exemption ends that day.
  @Test func aSameDayReImportKeepsTheEmigratedVersion() throws {
    try apply("101075-0063", ["--criterion", "emigrated"])
    try decide(1, today: "2026-11-22")
    try importRows(["101075-0063,Anders Holm,Nørregade,1,,,1165,København K,,,,,,da,101,,"], effective: "2026-11-22")
    #expect(try query("SELECT count(*) FROM citizen WHERE cpr = 1010750063") == 2)
    #expect(
      try query("SELECT valid_to FROM citizen WHERE cpr = 1010750063 AND status = 'emigrated'") == "2026-11-22")
    #expect(try query("SELECT valid_to FROM exemption") == "2026-11-22")
    #expect(try channel("101075-0063", on: "2026-11-22") == "digital")
    let show = try cli.run(["citizens", "show", "101075-0063"])
    #expect(show.stdout.contains("exemption: none\n"), "\(show)")
    #expect(try cli.run(["audit", "verify"]).status == 0)
  }

  // MARK: §1 the work queue and the decision read the citizen as of one day (item 10)

  /// §1, Act §5(2): a move imported with a later effective date moves the application to
  /// the new municipality on that day, in the queue and in the decision alike.
  @Test func theQueueAndTheDecisionNameOneMunicipality() throws {
    try apply("050187-0321", [])
    let path = try extract(["050187-0321,Tom Walker,Vesterbrogade,3,,,1620,København V,,,,,,en,101,,"])
    let moved = try cli.run(["citizens", "import", path, "--effective", "2026-12-01"])
    #expect(moved.status == 0, "\(moved)")
    let copenhagen = try cli.run(["exemption", "pending", "--centre", "101"])
    #expect(copenhagen.status == 0)
    #expect(copenhagen.stdout == "No application awaits a decision by municipality 101 on 2026-11-22\n")
    let aarhus = try cli.run(["exemption", "pending", "--centre", "751"])
    #expect(
      aarhus.stdout == """
        Awaiting a decision on 2026-11-22, each by the municipality the citizen is registered in that day:
        Application  Received    Citizen      Criteria  Received at  Decided by
        1            2026-11-22  050187-XXXX  -         101          751

        """)
    try cli.expectRefusal(
      ["exemption", "decide", "1", "--grant", "--clerk", "kbj", "--centre", "101", "--out", "d.html"],
      "the application of 050187-XXXX is decided by municipality 751, where they are registered (Digital Post Act "
        + "§5(2)), not by centre 101; a clerk of municipality 751 records the decision")
    let refused = try cli.run(
      ["exemption", "decide", "1", "--grant", "--clerk", "kbj", "--centre", "101", "--out", "d.html"])
    #expect(refused.status == 1)
    // From the day of the move, København's queue and decision.
    let later = try cli.run(["exemption", "pending", "--centre", "101"], today: "2026-12-01")
    #expect(
      later.stdout == """
        Awaiting a decision on 2026-12-01, each by the municipality the citizen is registered in that day:
        Application  Received    Citizen      Criteria  Received at  Decided by
        1            2026-11-22  050187-XXXX  -         101          101

        """)
    let decided = try cli.run(
      ["exemption", "decide", "1", "--grant", "--clerk", "kbj", "--centre", "101", "--out", "d.html"],
      today: "2026-12-01")
    #expect(decided.status == 0, "\(decided)")
  }
}
