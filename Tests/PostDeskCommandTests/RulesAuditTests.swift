import Foundation
import GRDB
import Testing

/// The places where PostDesk disagreed with the rules (domain.md, the seeds), end to end on
/// the built `postdesk`: each case cites its section, and every refusal is checked word for
/// word with the registry, the audit log and the documents folder unchanged.
@Suite("postdesk agrees with the rules, end to end")
struct RulesAuditTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
  }

  static let passport = "passport:2030-01-31"
  static let bringID =
    "bring one valid photo ID, or two documents without photo of which one shows the CPR number and at least one "
    + "is a health insurance card, a certificate of residential address, or a birth or name certificate"
  static let header =
    "cpr,name,street,building,floor,door,postcode,city,co_name,foreign_lines,country,status,status_date,language,"
    + "municipality,custody_1,custody_2"

  /// `access grant OWNER HELPER` in person with a passport, read access.
  func grant(_ owner: String, _ helper: String, until: String, out: String = "letters") -> [String] {
    [
      "access", "grant", owner, helper, "--level", "read", "--until", until, "--consent", "in-person", "--clerk", "kbj",
      "--id", Self.passport, "--out", out,
    ]
  }

  func apply(_ cpr: String, _ extra: [String] = ["--id", Self.passport]) -> [String] {
    ["exemption", "apply", cpr, "--centre", "101", "--clerk", "ast"] + extra
  }

  func decide(_ id: Int, _ verdict: [String] = ["--grant"], out: String) -> [String] {
    ["exemption", "decide", String(id)] + verdict + ["--clerk", "ast", "--out", out]
  }

  /// Imports `rows` (after the header) effective `effective`, which is also "today".
  func importRows(_ rows: [String], effective: String, name: String = "extract.csv") throws {
    let path = cli.path(name)
    try ([Self.header] + rows).joined(separator: "\n").appending("\n").write(
      toFile: path, atomically: true, encoding: .utf8)
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

  func accessList(_ cpr: String, today: String) throws -> String {
    let result = try cli.run(["access", "list", cpr], today: today)
    #expect(result.status == 0, "\(result)")
    return result.stdout
  }

  // MARK: §6 delegated access

  /// §6 and `OurRules.accessValidThroughExpiryDate`: the expiry date is the last day.
  @Test func accessHoldsThroughItsExpiryDate() throws {
    #expect(try cli.run(grant("140382-3518", "020780-2743", until: "2026-12-01")).status == 0)
    #expect(
      try accessList("140382-3518", today: "2026-12-01")
        == "Access to the Digital Post of 140382-XXXX on 2026-12-01:\n"
        + "  020780-XXXX  Lars Jensen  read  2026-11-22 to 2026-12-01\n"
        + "140382-XXXX has access to the Digital Post of:\n  none\n")
    #expect(
      try accessList("140382-3518", today: "2026-12-02")
        == "Access to the Digital Post of 140382-XXXX on 2026-12-02:\n  none\n"
        + "140382-XXXX has access to the Digital Post of:\n  none\n")
    try cli.expectRefusal(
      ["access", "revoke", "140382-3518", "020780-2743", "--clerk", "kbj"],
      "the access of helper 020780-XXXX to owner 140382-XXXX's post already ended on 2026-12-01 (expired); "
        + "nothing to end", today: "2026-12-02")
    // Granting again after expiry is a new access, and the log says so.
    let again = try cli.run(grant("140382-3518", "020780-2743", until: "2027-06-01"), today: "2026-12-02")
    #expect(again.stdout.hasPrefix("Access granted: 020780-XXXX may read"), "\(again)")
    #expect(try query("SELECT action FROM audit ORDER BY id DESC LIMIT 1") == "access.grant")
    #expect(try query("SELECT end_reason FROM access WHERE valid_to = '2026-12-02'") == "expired")
    // On the expiry day the owner may still revoke it.
    #expect(try cli.run(grant("140382-3518", "250992-0020", until: "2026-12-05")).status == 0)
    let revoked = try cli.run(
      ["access", "revoke", "140382-3518", "250992-0020", "--clerk", "kbj"], today: "2026-12-05")
    #expect(revoked.status == 0, "\(revoked)")
  }

  /// §6: "every access ends when the owner or the helper dies", in every read.
  @Test(arguments: [
    ("140382-3518,Mette Jensen,Søndergade,14,2,tv,8000,Aarhus C,,,,deceased,2026-12-05,da,751,,", "owner"),
    ("020780-2743,Lars Jensen,Søndergade,14,2,tv,8000,Aarhus C,,,,deceased,2026-12-05,da,751,,", "helper"),
  ])
  func deathEndsAnAccess(row: String, who: String) throws {
    #expect(try cli.run(grant("140382-3518", "020780-2743", until: "2027-11-30")).status == 0)
    try importRows([row], effective: "2026-12-10")
    #expect(
      try accessList("140382-3518", today: "2026-12-10")
        == "Access to the Digital Post of 140382-XXXX on 2026-12-10:\n  none\n"
        + "140382-XXXX has access to the Digital Post of:\n  none\n")
    #expect(
      try accessList("020780-2743", today: "2026-12-10")
        == "Access to the Digital Post of 020780-XXXX on 2026-12-10:\n  none\n"
        + "020780-XXXX has access to the Digital Post of:\n  none\n")
    #expect((try cli.show("140382-3518", today: "2026-12-10")["accesses"] as? [Any])?.isEmpty == true)
    // The day before the death, the access held.
    let before = try cli.run(
      ["citizens", "show", "140382-3518", "--as-of", "2026-12-04", "--json"], today: "2026-12-10")
    #expect(before.stdout.contains("\"020780-XXXX\""), "\(before)")
    let after = try cli.run(
      ["citizens", "show", "140382-3518", "--as-of", "2026-12-05", "--json"], today: "2026-12-10")
    #expect(!after.stdout.contains("\"020780-XXXX\""), "\(after)")
    try cli.expectRefusal(
      ["access", "revoke", "140382-3518", "020780-2743", "--clerk", "kbj"],
      "the access of helper 020780-XXXX to owner 140382-XXXX's post already ended on 2026-12-05 "
        + "(ended by the \(who)'s death); nothing to end", today: "2026-12-10")
  }

  /// §6: "the helper may give up, at any time": audited, with a letter to the owner.
  @Test func helperGivesUpAnAccess() throws {
    #expect(try cli.run(grant("140382-3518", "020780-2743", until: "2027-11-30")).status == 0)
    let entries = try cli.auditEntries()
    let result = try cli.run(
      ["access", "give-up", "140382-3518", "020780-2743", "--clerk", "kbj", "--out", "given-up"], today: "2026-12-01")
    #expect(result.status == 0, "\(result)")
    #expect(
      result.stdout
        == "Access of 020780-XXXX to the Digital Post of 140382-XXXX given up on 2026-12-01\n"
        + "  letter: given-up/access-given-up-owner.html\n")
    let letter = try String(contentsOfFile: cli.path("given-up/access-given-up-owner.html"), encoding: .utf8)
    #expect(letter.contains("Lars Jensen"))
    #expect(letter.contains("Mette Jensen"))
    #expect(!letter.contains("020780-2743") && !letter.contains("0207802743"))
    #expect(try cli.auditEntries() == entries + 1)
    #expect(try query("SELECT end_reason FROM access WHERE valid_to = '2026-12-01'") == "given-up-by-helper")
    #expect(
      try accessList("140382-3518", today: "2026-12-01")
        == "Access to the Digital Post of 140382-XXXX on 2026-12-01:\n  none\n"
        + "140382-XXXX has access to the Digital Post of:\n  none\n")
    try cli.expectRefusal(
      ["access", "give-up", "140382-3518", "020780-2743", "--clerk", "kbj", "--out", "again"],
      "020780-XXXX has no access to the Digital Post of 140382-XXXX today; 'postdesk access list 140382-XXXX' "
        + "shows the accesses in force", today: "2026-12-01")
  }

  /// A second letter into the same folder replaces the first whole, and leaves no partial file.
  @Test func lettersIntoTheSameFolderTwice() throws {
    let first = try cli.run(grant("140382-3518", "020780-2743", until: "2027-11-30"))
    #expect(first.status == 0, "\(first)")
    let second = try cli.run(grant("140382-3518", "250992-0020", until: "2027-11-30"))
    #expect(second.status == 0, "\(second)")
    #expect(try cli.documents() == ["letters/access-confirmation-owner.html", "letters/access-notice-helper.html"])
    let notice = try String(contentsOfFile: cli.path("letters/access-notice-helper.html"), encoding: .utf8)
    #expect(notice.contains("Priya Sharma"))
  }

  // MARK: §4 exemption

  /// Act §5(1): a request from someone registered as living abroad is always granted.
  @Test func anEmigrantsRequestCannotBeRefused() throws {
    #expect(try cli.run(apply("101075-0063", ["--criterion", "emigrated"])).status == 0)
    try cli.expectRefusal(
      decide(1, ["--refuse", "No."], out: "d1.html"),
      "applicant 101075-XXXX is registered as living abroad, and such a request is always granted "
        + "(Digital Post Act §5(1)); grant it instead")
  }

  /// §4 "Applicant must be ... alive": at the decision, too.
  @Test func deathBeforeTheDecision() throws {
    #expect(try cli.run(apply("120940-1653")).status == 0)
    try importRows(
      ["120940-1653,Poul Andersen,Vesterbrogade,201,4,mf,1620,København V,,,,deceased,2026-11-25,da,101,,"],
      effective: "2026-11-26")
    try cli.expectRefusal(
      decide(1, out: "d1.html"),
      "cannot grant: applicant 120940-XXXX died on 2026-11-25; no exemption can be requested for a deceased person; "
        + "record the refusal with --refuse REASON, or mend the application and apply again", today: "2026-11-27")
  }

  /// §4: "An exemption granted for emigration ends automatically when the citizen moves back"
  /// — also on the day it was granted.
  @Test func movingBackOnTheDayOfTheGrant() throws {
    #expect(try cli.run(apply("101075-0063", ["--criterion", "emigrated"])).status == 0)
    #expect(try cli.run(decide(1, out: "d1.html")).status == 0)
    #expect(try cli.show("101075-0063")["channel"] as? String == "paper")
    try importRows(
      ["101075-0063,Anders Holm,Nørregade,1,,,1165,København K,,,,,,da,101,,"], effective: "2026-11-22")
    #expect(try cli.show("101075-0063")["channel"] as? String == "digital")
    #expect(
      try query("SELECT end_reason FROM exemption WHERE valid_to = '2026-11-22'")
        == "moved-back")
  }

  /// §1, Act §5(2): handed in at any centre, decided by the citizen's municipality.
  @Test func theCitizensMunicipalityDecides() throws {
    #expect(try cli.run(apply("050187-0321")).status == 0)
    #expect(try cli.run(decide(1, out: "d1.html")).status == 0)
    #expect(try query("SELECT centre FROM application WHERE id = 1") == "101")
    #expect(try query("SELECT centre FROM decision WHERE application_id = 1") == "751")
    #expect(try query("SELECT centre FROM audit WHERE action = 'application.decide'") == "751")
    let letter = try String(contentsOfFile: cli.path("d1.html"), encoding: .utf8)
    #expect(letter.contains("Borgerservice Aarhus"))
    #expect(!letter.contains("Borgerservice København"))
  }

  /// §4: someone applying on the citizen's behalf must be alive and of age (18).
  @Test func representativeMustBeAliveAndOfAge() throws {
    try cli.expectRefusal(
      apply("140382-3518", ["--on-behalf", "080337-3353", "--authority", "power-of-attorney", "--id", Self.passport]),
      "representative 080337-XXXX died on 2025-10-02; only a living person can apply on the citizen's behalf")
    try cli.expectRefusal(
      apply("140382-3518", ["--on-behalf", "221111-5400", "--authority", "power-of-attorney", "--id", Self.passport]),
      "representative 221111-XXXX is 15 on 2026-11-22; a representative must be 18 or older (of age on 2029-11-22)")
    #expect(
      try cli.run(
        apply("140382-3518", ["--on-behalf", "020780-2743", "--authority", "power-of-attorney", "--id", Self.passport])
      ).status == 0)
  }

  /// §4: one undecided application per citizen at a time.
  @Test func oneUndecidedApplicationAtATime() throws {
    #expect(try cli.run(apply("120940-1653")).status == 0)
    try cli.expectRefusal(
      apply("120940-1653"),
      "applicant 120940-XXXX already has application 1 of 2026-11-22 awaiting a decision; decide that one first")
    #expect(try cli.run(decide(1, ["--refuse", "No."], out: "d1.html")).status == 0)
    #expect(try cli.run(apply("120940-1653")).status == 0)
  }

  /// §4 history: grant, withdraw and grant again on one day keeps both periods.
  @Test func sameDayHistoryIsKept() throws {
    #expect(try cli.run(apply("120940-1653")).status == 0)
    #expect(try cli.run(decide(1, out: "d1.html")).status == 0)
    #expect(try cli.run(["exemption", "withdraw", "120940-1653", "--clerk", "ast"]).status == 0)
    #expect(try cli.run(apply("120940-1653")).status == 0)
    #expect(try cli.run(decide(2, out: "d2.html")).status == 0)
    #expect(try query("SELECT count(*) FROM exemption WHERE cpr = 1209401653") == 2)
    #expect(try query("SELECT count(*) FROM exemption WHERE cpr = 1209401653 AND valid_to IS NULL") == 1)
    #expect(try cli.show("120940-1653")["channel"] as? String == "paper")
  }

  // MARK: §5 identity documents (seed 001)

  @Test func identityDocumentsAsTheSeedListsThem() throws {
    try cli.expectRefusal(
      apply("120940-1653", ["--id", "health-card", "--id", "residence-certificate:cpr"]),
      "identity of applicant 120940-XXXX not verified: the health insurance card and the certificate of residential "
        + "address are one kind of document (one entry of the list), not two; \(Self.bringID)")
    try cli.expectRefusal(
      apply("120940-1653", ["--id", "passport"]),
      "identity of applicant 120940-XXXX not verified: the passport was given without its expiry date "
        + "(passport:YYYY-MM-DD), and no valid document remains; \(Self.bringID)")
    #expect(try cli.run(apply("120940-1653", ["--id", "health-card", "--id", "birth-certificate"])).status == 0)
  }

  // MARK: §3 letterbox

  /// §3: the letterbox is assigned to those living in Denmark; notices go to living holders.
  @Test func letterboxOnlyForChildrenInDenmark() throws {
    try importRows(
      [
        "101211-4001,Ella Jensen,,,,,,,,Hauptstraße 5|10115 Berlin,DE,emigrated,2020-01-01,da,751,140382-3518,",
        "111211-4002,Ib Thomsen,Kongensgade,9,,,6000,Kolding,,,,,,da,621,140382-3518,080337-3353",
      ], effective: "2026-11-10")
    let due = try cli.run(["letterbox", "due", "--from", "2026-11-15", "--to", "2026-12-15"])
    #expect(due.status == 0, "\(due)")
    #expect(!due.stdout.contains("101211-XXXX"), "\(due)")
    #expect(due.stdout.contains("  2026-12-11  111211-XXXX  Ib Thomsen\n"), "\(due)")
    #expect(
      due.stdout.contains("  2026-11-20  111211-XXXX  Ib Thomsen (due 2026-12-11): to 140382-XXXX\n"), "\(due)")
    let notices = try cli.run(["letterbox", "notices", "--date", "2026-11-19", "--out", "notices"])
    #expect(notices.status == 0, "\(notices)")
    #expect(!notices.stdout.contains("101211-XXXX"), "\(notices)")
    let child = try cli.show("101211-4001", today: "2026-12-11")
    #expect(child["letterbox"] as? String == "not-assigned")
    #expect(child["letterboxDate"] == nil || child["letterboxDate"] is NSNull)
  }

  // MARK: §2 CPR numbers

  @Test func birthDateAfterTheImportIsAnError() throws {
    let path = cli.path("future.csv")
    try [Self.header, "010150-5001,Fremtid Hansen,Nørregade,1,,,1165,København K,,,,,,da,101,,"]
      .joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
    try cli.expectRefusal(
      ["citizens", "import", path],
      "$TMP/future.csv:2: 010150-XXXX gives the birth date 2050-01-01, after 2026-11-22; check the number "
        + "(the 7th digit and the year give the century)")
  }
}
