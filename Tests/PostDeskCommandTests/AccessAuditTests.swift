import Foundation
import GRDB
import Testing

/// The second rules audit (issue 22) on NemID, access and the end of exemptions and
/// applications, end to end on the built `postdesk`: each case cites its section of
/// docs/rules.md, and every refusal is checked word for word, with its exit status, the
/// registry, the audit log and the documents folder unchanged.
@Suite("postdesk agrees with the rules on NemID, access and withdrawals, end to end")
struct AccessAuditTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
  }

  static let passport = "passport:2030-01-31"
  static let header =
    "cpr,name,street,building,floor,door,postcode,city,co_name,foreign_lines,country,status,status_date,language,"
    + "municipality,custody_1,custody_2"
  /// Turned 15 on 2026-11-10, registered in Berlin since 2020: never assigned a letterbox.
  static let teenagerAbroad =
    "101111-4001,Ella Jensen,,,,,,,,Hauptstraße 5|10115 Berlin,DE,emigrated,2020-01-01,da,751,140382-3518,020780-2743"

  func grant(_ owner: String, _ helper: String, level: String = "read-write", out: String = "letters") -> [String] {
    [
      "access", "grant", owner, helper, "--level", level, "--until", "2027-11-30", "--consent", "in-person",
      "--clerk", "kbj", "--id", Self.passport, "--out", out,
    ]
  }

  func apply(_ cpr: String, _ extra: [String] = ["--id", Self.passport]) -> [String] {
    ["exemption", "apply", cpr, "--centre", "101", "--clerk", "ast"] + extra
  }

  func decide(_ id: Int, _ verdict: [String] = ["--grant"], out: String) -> [String] {
    ["exemption", "decide", String(id)] + verdict + ["--clerk", "ast", "--out", out]
  }

  /// Imports `rows` (after the header) effective `effective`, which is also "today".
  func importRows(_ rows: [String], effective: String) throws {
    let path = cli.path("extract-\(effective).csv")
    try ([Self.header] + rows).joined(separator: "\n").appending("\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    let result = try cli.run(["citizens", "import", path, "--effective", effective], today: effective)
    #expect(result.status == 0, "\(result)")
    try FileManager.default.removeItem(atPath: path)
  }

  /// One value from the registry file.
  func query<T: DatabaseValueConvertible>(_ sql: String) throws -> T? {
    var configuration = Configuration()
    configuration.readonly = true
    let queue = try DatabaseQueue(path: cli.db, configuration: configuration)
    defer { try? queue.close() }
    return try queue.read { db in try T.fetchOne(db, sql: sql) }
  }

  // MARK: §5 NemID/MitID

  static let criterion5 = "; this supports exemption criterion 5 (nemid)"

  /// (CPR number, documents, the line printed)
  static let nemIDCases: [(String, [String], String)] = [
    // Issue 22.1: death comes first, and supports no exemption criterion.
    (
      "291146-2586", ["--id", passport],
      "291146-XXXX cannot obtain NemID/MitID: 291146-XXXX died on 2025-12-15"
    ),
    ("080337-3353", [], "080337-XXXX cannot obtain NemID/MitID: 080337-XXXX died on 2025-10-02"),
    // Issue 22.2: no address registered, so a code card cannot be posted.
    (
      "160588-1617", ["--id", "health-card", "--id", "birth-certificate"],
      "160588-XXXX cannot obtain NemID/MitID: the ID has no photo, so the code card would come by post, but no "
        + "address is registered for 160588-XXXX in the CPR register, so it cannot be posted; bring a valid photo "
        + "ID, and the code card is handed over at the counter" + criterion5
    ),
    (
      "160588-1617", ["--id", passport],
      "160588-XXXX can obtain NemID/MitID: a CPR number, 15 or older, and the ID requirements met"
    ),
    // No fixed residence, but an address (c/o) is registered: the card is posted there.
    (
      "210872-0843", ["--id", "health-card", "--id", "birth-certificate"],
      "210872-XXXX can obtain NemID/MitID: a CPR number, 15 or older, and the ID requirements met; the ID has no "
        + "photo, so the code card comes by post to the address in the CPR register"
    ),
  ]

  /// §5 NemID/MitID: the answer as registered today; exit 0 either way, nothing written.
  @Test(arguments: nemIDCases)
  func nemIDAsRegistered(cpr: String, documents: [String], line: String) throws {
    let before = try cli.snapshot()
    let result = try cli.run(["nemid", "check", cpr] + documents)
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == line + "\n")
    #expect(try cli.snapshot() == before)
  }

  // MARK: §3, §6, §7 a letterbox never assigned

  /// §6 (an owner with a letterbox) and §3: issue 22.3, no access to a letterbox never assigned.
  @Test func noAccessToALetterboxNeverAssigned() throws {
    try importRows([Self.teenagerAbroad], effective: "2026-11-22")
    #expect(try cli.show("101111-4001")["letterbox"] as? String == "not-assigned")
    try cli.expectRefusal(
      grant("101111-4001", "020780-2743"),
      "owner 101111-XXXX has no letterbox: registered as living abroad since 2020-01-01, before turning 15 on "
        + "2026-11-10, so none was assigned; access can be given once they are registered as living in Denmark")
    let danish = try cli.run(grant("101111-4001", "020780-2743") + ["--lang", "da"])
    #expect(danish.status == 1)
    #expect(
      danish.stderr
        == "ejer 101111-XXXX har ingen digital postkasse: registreret som bosat i udlandet siden 2020-01-01, før det "
        + "fyldte 15. år den 2026-11-10, så der blev ikke tildelt en; adgang kan gives, når vedkommende er "
        + "registreret som bosat i Danmark\n")
  }

  /// §7.5: a letter to someone never assigned a letterbox goes as before 15: to the custody
  /// holders, or nowhere.
  @Test func aLetterToALetterboxNeverAssigned() throws {
    try importRows(
      [
        Self.teenagerAbroad, "111111-4002,Ib Jensen,,,,,,,,Hauptstraße 5|10115 Berlin,DE,emigrated,2020-01-01,da,751,,",
      ],
      effective: "2026-11-22")
    let withHolders = try cli.show("101111-4001")
    #expect(withHolders["channel"] as? String == "custody-holders")
    #expect(
      withHolders["channelReason"] as? String
        == "§7.5: no letterbox assigned (registered abroad since before turning 15), one copy to each of 2 custody "
        + "holder(s)")
    let without = try cli.show("111111-4002")
    #expect(without["channel"] as? String == "undeliverable")
    #expect(
      without["channelReason"] as? String
        == "§7.5: no letterbox assigned (registered abroad since before turning 15) and no custody holder recorded")
  }

  // MARK: §4, §6 an exemption ends the owner's accesses

  /// §6 "an exemption ends every access the owner has given": issue 22.4, refused until the
  /// clerk confirms with --end-access; then ended, recorded and each helper told.
  @Test func anExemptionEndsTheAccessesGiven() throws {
    #expect(try cli.run(grant("140382-3518", "020780-2743")).status == 0)
    #expect(try cli.run(grant("140382-3518", "250992-0020", level: "read", out: "letters2")).status == 0)
    #expect(try cli.run(apply("140382-3518")).status == 0)
    let refusal =
      "owner 140382-XXXX has given access to their Digital Post to 020780-XXXX, 250992-XXXX, and an exemption ends "
      + "it (a helper can only read digital post); confirm that with --end-access, or do not grant the exemption"
    try cli.expectRefusal(decide(1, out: "decided/decision.html"), refusal)
    let danish = try cli.run(decide(1, out: "decided/decision.html") + ["--lang", "da"])
    #expect(danish.status == 1)
    #expect(
      danish.stderr
        == "ejer 140382-XXXX har givet 020780-XXXX, 250992-XXXX adgang til sin Digital Post, og en fritagelse bringer "
        + "adgangen til ophør (en hjælper kan kun læse digital post); bekræft det med --end-access, eller undlad at "
        + "give fritagelsen\n")
    try cli.expectRefusal(
      decide(1, ["--refuse", "No.", "--end-access"], out: "decided/decision.html"),
      "Error: --end-access goes with --grant: a refusal ends no access\n"
        + "Usage: postdesk exemption decide [--db <path-or-url>] [--lang <da|en>] [--templates <dir>] <application> [--grant] "
        + "[--refuse <reason>] [--end-access] --clerk <clerk> [--centre <centre>] [--citizen <citizen>] "
        + "--out <letter.html|letter.pdf>\n"
        + "  See 'postdesk exemption decide --help' for more information.")
    let entries = try cli.auditEntries()
    let result = try cli.run(decide(1, ["--grant", "--end-access"], out: "decided/decision.html"))
    #expect(result.status == 0, "\(result)")
    #expect(
      result.stdout
        == "Application 1 granted (FD-2026-000001); letter: decided/decision.html\n"
        + "Access of 020780-XXXX to the Digital Post of 140382-XXXX ended (ended because the owner was exempted); "
        + "letter: decided/access-ended-helper.html\n"
        + "Access of 250992-XXXX to the Digital Post of 140382-XXXX ended (ended because the owner was exempted); "
        + "letter: decided/access-ended-helper-2.html\n")
    // The decision, the exemption and two ends of access, each audited; the chain intact.
    #expect(try cli.auditEntries() == entries + 4)
    #expect(
      try query("SELECT count(*) FROM access WHERE end_reason = 'owner-exempted'") == 2)
    #expect(try cli.show("140382-3518")["channel"] as? String == "paper")
    #expect((try cli.show("140382-3518")["accesses"] as? [Any])?.isEmpty == true)
    let list = try cli.run(["access", "list", "140382-3518"])
    #expect(
      list.stdout
        == "Access to the Digital Post of 140382-XXXX on 2026-11-22:\n  none\n"
        + "140382-XXXX has access to the Digital Post of:\n  none\n")
    try Golden.check(file: cli.path("decided/access-ended-helper.html"), against: "access.ended.helper.da.html")
    try Golden.check(file: cli.path("decided/access-ended-helper-2.html"), against: "access.ended.helper.en.html")
    // Ended, it cannot be revoked again: the reason says why.
    try cli.expectRefusal(
      ["access", "revoke", "140382-3518", "020780-2743", "--clerk", "kbj"],
      "020780-XXXX has no access to the Digital Post of 140382-XXXX today; 'postdesk access list 140382-XXXX' "
        + "shows the accesses in force")
  }

  /// §4: without accesses given, a grant needs no --end-access (and --end-access ends nothing).
  @Test func anExemptionWithoutAccesses() throws {
    #expect(try cli.run(apply("120940-1653")).status == 0)
    let result = try cli.run(decide(1, ["--grant", "--end-access"], out: "decision.html"))
    #expect(result.stdout == "Application 1 granted (FD-2026-000001); letter: decision.html\n", "\(result)")
    #expect(try cli.documents() == ["decision.html"])
  }

  // MARK: §4 withdrawing an exemption

  /// §4 "the citizen may withdraw it at any time": issue 22.7, not after their death.
  @Test func aDeadCitizensExemptionIsNotWithdrawn() throws {
    #expect(try cli.run(apply("120940-1653")).status == 0)
    #expect(try cli.run(decide(1, out: "decision.html")).status == 0)
    try importRows(
      ["120940-1653,Poul Andersen,Vesterbrogade,201,4,mf,1620,København V,,,,deceased,2026-11-25,da,101,,"],
      effective: "2026-11-26")
    try cli.expectRefusal(
      ["exemption", "withdraw", "120940-1653", "--clerk", "ast"],
      "the exemption of 120940-XXXX ended with their death on 2026-11-25; nothing to withdraw", today: "2026-11-27")
    let danish = try cli.run(
      ["exemption", "withdraw", "120940-1653", "--clerk", "ast", "--lang", "da"], today: "2026-11-27")
    #expect(danish.status == 1)
    #expect(
      danish.stderr
        == "fritagelsen for 120940-XXXX ophørte ved dødsfaldet den 2026-11-25; der er intet at tilbagekalde\n")
    #expect(try query("SELECT count(*) FROM exemption WHERE end_reason = 'withdrawn'") == 0)
  }

  // MARK: §4 an application withdrawn by the applicant

  /// §4: an application that cannot be decided (recorded without ID while abroad; the
  /// applicant has since returned) blocks new ones until it is withdrawn: audited, no letter.
  @Test func anApplicationWithdrawnByTheApplicant() throws {
    #expect(try cli.run(apply("101075-0063", ["--criterion", "emigrated"])).status == 0)
    try importRows(["101075-0063,Anders Holm,Nørregade,1,,,1165,København K,,,,,,da,101,,"], effective: "2026-11-23")
    #expect(try cli.run(decide(1, out: "d1.html"), today: "2026-11-23").status != 0)
    try cli.expectRefusal(
      apply("101075-0063"),
      "applicant 101075-XXXX already has application 1 of 2026-11-22 awaiting a decision; decide that one first",
      today: "2026-11-23")
    let entries = try cli.auditEntries()
    let withdrawn = try cli.run(
      ["exemption", "withdraw-application", "1", "--clerk", "ast", "--centre", "101"], today: "2026-11-23")
    #expect(withdrawn.status == 0, "\(withdrawn)")
    #expect(
      withdrawn.stdout
        == "Application 1 (FD-2026-000001) of 101075-XXXX withdrawn by the applicant on 2026-11-23; no decision, "
        + "no letter\n")
    #expect(try cli.auditEntries() == entries + 1)
    #expect(try cli.documents() == [])
    #expect(try query("SELECT action FROM audit ORDER BY id DESC LIMIT 1") == "application.decide")
    #expect(try query("SELECT withdrawn || quote(reason) FROM decision WHERE application_id = 1") == "1NULL")
    #expect(try cli.run(["exemption", "pending"], today: "2026-11-23").stdout == "No application awaits a decision\n")
    // Closed, it is neither decided nor withdrawn again.
    let closed =
      "application 1 was already withdrawn by the applicant (recorded by ast at centre 101 on 2026-11-23); it is "
      + "closed — record a new application if the citizen applies again"
    try cli.expectRefusal(["exemption", "withdraw-application", "1", "--clerk", "ast"], closed, today: "2026-11-24")
    try cli.expectRefusal(decide(1, out: "d1.html"), closed, today: "2026-11-24")
    let danish = try cli.run(
      ["exemption", "withdraw-application", "1", "--clerk", "ast", "--lang", "da"], today: "2026-11-24")
    #expect(danish.status == 1)
    #expect(
      danish.stderr
        == "ansøgning 1 er allerede trukket tilbage af ansøgeren (registreret af ast i borgerservice 101 den "
        + "2026-11-23); den er afsluttet — registrér en ny ansøgning, hvis borgeren søger igen\n")
    // The citizen applies anew, and that one is decided.
    #expect(try cli.run(apply("101075-0063"), today: "2026-11-24").status == 0)
    #expect(try cli.run(decide(2, out: "d2.html"), today: "2026-11-24").status == 0)
    try cli.expectRefusal(
      ["exemption", "withdraw-application", "2", "--clerk", "ast"],
      "application 2 was already granted by ast at centre 101 on 2026-11-24; a decision is final — record a new "
        + "application if the citizen applies again", today: "2026-11-24")
    try cli.expectRefusal(
      ["exemption", "withdraw-application", "9", "--clerk", "ast"],
      "no exemption application 9 in the registry; 'postdesk exemption apply' prints the number of each "
        + "application it records", today: "2026-11-24")
  }

  /// §4: a dead applicant withdraws nothing; the application is refused instead.
  @Test func aDeadApplicantsApplicationIsNotWithdrawn() throws {
    #expect(try cli.run(apply("120940-1653")).status == 0)
    try importRows(
      ["120940-1653,Poul Andersen,Vesterbrogade,201,4,mf,1620,København V,,,,deceased,2026-11-25,da,101,,"],
      effective: "2026-11-26")
    try cli.expectRefusal(
      ["exemption", "withdraw-application", "1", "--clerk", "ast"],
      "applicant 120940-XXXX died on 2026-11-25, so application 1 cannot be withdrawn by them; refuse it instead "
        + "(--refuse REASON)", today: "2026-11-26")
    #expect(
      try cli.run(decide(1, ["--refuse", "The applicant has died."], out: "d1.html"), today: "2026-11-26").status == 0)
  }

  /// A refusal cannot pose as a withdrawal, and the audit guards the withdrawal as a decision.
  @Test func aWithdrawalIsGuardedAsADecision() throws {
    #expect(try cli.run(apply("120940-1653")).status == 0)
    try cli.expectRefusal(
      decide(1, ["--refuse", "withdrawn by the applicant"], out: "d1.html"),
      "\"withdrawn by the applicant\" is not a reason for a refusal: record the withdrawal of application 1 as such "
        + "('postdesk exemption withdraw-application 1')")
    #expect(try cli.run(["exemption", "withdraw-application", "1", "--clerk", "ast"]).status == 0)
    var configuration = Configuration()
    configuration.readonly = false
    let queue = try DatabaseQueue(path: cli.db, configuration: configuration)
    try queue.write { db in try db.execute(sql: "UPDATE decision SET reason = 'refused' WHERE application_id = 1") }
    try queue.close()
    let verify = try cli.run(["audit", "verify"])
    #expect(verify.status != 0)
    #expect(
      verify.stderr.contains(
        "the decision on application 1 is not what the audit log says was written: the row was changed outside "
          + "PostDesk"), "\(verify)")
  }
}
