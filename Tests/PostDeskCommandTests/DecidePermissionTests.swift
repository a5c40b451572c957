import Foundation
import Testing

/// Who may decide at the command line (docs/web.md, "Who may do what"): any centre receives an
/// application; only the deciding municipality (the citizen's, Act §5(2)) decides it. The
/// centre named by `--centre`, else by `$POSTDESK_CENTRE` (the workstation's), must be that
/// municipality; with neither, the decision is recorded as the deciding municipality's. A
/// citizen named with `--citizen` must be the application's.
@Suite("postdesk exemption decide: who may decide")
struct DecidePermissionTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
  }

  static let poul = "120940-1653"  // municipality 101
  static let mette = "140382-3518"  // municipality 751

  static let notDeciding =
    "the application of 120940-XXXX is decided by municipality 101, where they are registered (Digital Post Act "
    + "§5(2)), not by centre 751; a clerk of municipality 101 records the decision"

  /// Poul's application received in Aarhus: application 1.
  func applyInAarhus() throws {
    let applied = try cli.run([
      "exemption", "apply", Self.poul, "--centre", "751", "--clerk", "mh", "--id", "passport:2030-01-31",
    ])
    #expect(applied.status == 0, "\(applied)")
  }

  func decide(_ extra: [String], out: String = "d.html") -> [String] {
    ["exemption", "decide", "1", "--grant", "--clerk", "mh", "--out", out] + extra
  }

  @Test func aNamedCentreMustDecide() throws {
    try applyInAarhus()
    try cli.expectRefusal(decide(["--centre", "751"]), Self.notDeciding)
    try cli.expectRefusal(
      decide(["--centre", "751", "--lang", "da"]),
      "ansøgningen fra 120940-XXXX afgøres af kommune 101, hvor borgeren er folkeregistreret (§ 5, stk. 2, i lov om "
        + "Digital Post fra offentlige afsendere), ikke af borgerservice 751; afgørelsen registreres af en "
        + "sagsbehandler i kommune 101")
  }

  @Test func theWorkstationsCentreMustDecide() throws {
    try applyInAarhus()
    let before = try cli.snapshot()
    let result = try cli.run(decide([]), centre: "751")
    #expect(result.status == 1)
    #expect(result.stderr == Self.notDeciding + "\n")
    #expect(result.stdout.isEmpty)
    #expect(try cli.snapshot() == before)
    #expect(try cli.documents().isEmpty)
    // --centre overrides the workstation's centre, and is checked in its turn.
    let decided = try cli.run(decide(["--centre", "101"]), centre: "751")
    #expect(decided.status == 0, "\(decided)")
  }

  @Test func withoutACentreTheDecidingMunicipalityDecides() throws {
    try applyInAarhus()
    let decided = try cli.run(decide(["--citizen", Self.poul]))
    #expect(decided.status == 0, "\(decided)")
    // The decision row: application 1, granted, effective today, by mh at 101.
    let snapshot = try cli.snapshot()
    #expect(snapshot.contains("  1 | 1 | NULL | \"2026-11-22\" | \"101\" | \"mh\" | "), "\(snapshot)")
  }

  @Test func aNamedCitizenMustBeTheApplicants() throws {
    try applyInAarhus()
    try cli.expectRefusal(
      decide(["--citizen", Self.mette, "--centre", "101"]),
      "exemption application 1 is not an application of 140382-XXXX; check the number ('postdesk exemption "
        + "pending' lists each application with its citizen)")
    try cli.expectRefusal(
      decide(["--citizen", Self.mette, "--lang", "da"]),
      "ansøgning om fritagelse nr. 1 er ikke en ansøgning fra 140382-XXXX; kontrollér nummeret ('postdesk "
        + "exemption pending' viser hver ansøgning med dens borger)")
  }

  @Test func anEndOfAccessNamesTheCitizensAccess() throws {
    let grant = try cli.run([
      "access", "grant", Self.mette, "020780-2743", "--level", "read", "--until", "2027-11-30", "--consent",
      "in-person", "--clerk", "mh", "--centre", "751", "--id", "passport:2030-01-31", "--out", "letters",
    ])
    #expect(grant.status == 0, "\(grant)")
    try cli.expectRefusal(
      ["access", "revoke", Self.poul, "020780-2743", "--clerk", "mh"],
      "020780-XXXX has no access to the Digital Post of 120940-XXXX today; 'postdesk access list 120940-XXXX' shows "
        + "the accesses in force")
  }
}
