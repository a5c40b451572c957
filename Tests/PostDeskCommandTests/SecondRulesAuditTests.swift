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
  }
}
