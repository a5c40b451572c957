import Testing

/// `postdesk nemid check`, end to end (domain.md §5, seeds 000 and 001): eligible or not,
/// why, and that not being eligible supports exemption criterion 5.
@Suite("postdesk nemid check, end to end")
struct NemIDCheckTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
  }

  static let bringID =
    "bring one valid photo ID, or two documents without photo of which one shows the CPR number and at least one "
    + "is a health insurance card, a certificate of residential address, or a birth or name certificate"
  static let criterion5 = "; this supports exemption criterion 5 (nemid)"

  /// (arguments after the CPR number, the line printed)
  static let cases: [(String, [String], String)] = [
    (
      "140382-3518", ["--id", "passport:2030-01-31"],
      "140382-XXXX can obtain NemID/MitID: a CPR number, 15 or older, and the ID requirements met"
    ),
    (
      "140382-3518", ["--id", "health-card", "--id", "birth-certificate"],
      "140382-XXXX can obtain NemID/MitID: a CPR number, 15 or older, and the ID requirements met; the ID has no "
        + "photo, so the code card comes by post to the address in the CPR register"
    ),
    (
      "031211-8254", ["--id", "passport:2030-01-31"],
      "031211-XXXX cannot obtain NemID/MitID: 031211-XXXX is 14 on 2026-11-22 and turns 15 on 2026-12-03; only a "
        + "bank's NemID for online banking is possible until then" + criterion5
    ),
    (
      "140382-3518", ["--id", "health-card"],
      "140382-XXXX cannot obtain NemID/MitID: the ID requirements are not met: the health insurance card alone is "
        + "not enough; \(bringID)" + criterion5
    ),
    (
      "250992-0020", ["--id", "passport:2030-01-31", "--short-stay"],
      "250992-XXXX cannot obtain NemID/MitID: 250992-XXXX has been in Denmark only a short time; bring a witness "
        + "who testifies with a sworn statement" + criterion5
    ),
    (
      "250992-0020", ["--id", "passport:2030-01-31", "--short-stay", "--witness"],
      "250992-XXXX can obtain NemID/MitID: a CPR number, 15 or older, and the ID requirements met"
    ),
  ]

  @Test(arguments: cases)
  func check(cpr: String, arguments: [String], line: String) throws {
    let before = try cli.snapshot()
    let result = try cli.run(["nemid", "check", cpr] + arguments)
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == line + "\n")
    #expect(try cli.snapshot() == before)
  }

  @Test("the answer in the language of --lang, as every refusal (the catalogue's words, dates as typed)")
  func danish() throws {
    let granted = try cli.run([
      "nemid", "check", "140382-3518", "--id", "health-card", "--id", "birth-certificate", "--lang", "da",
    ])
    #expect(granted.status == 0, "\(granted)")
    #expect(
      granted.stdout
        == "140382-XXXX kan få MitID: CPR-nummer, fyldt 15 år og kravene til legitimation opfyldt; legitimationen er "
        + "uden billede, så aktiveringskoden sendes med posten til adressen i CPR-registret\n")
    let child = try cli.run(["nemid", "check", "031211-8254", "--id", "passport:2030-01-31", "--lang", "da"])
    #expect(child.status == 0, "\(child)")
    #expect(
      child.stdout
        == "031211-XXXX kan ikke få MitID: 031211-XXXX er 14 år den 2026-11-22 og fylder 15 den 2026-12-03; indtil da "
        + "er kun bankens log-in til netbank muligt; det understøtter fritagelseskriterium 5 (MitID)\n")
  }

  @Test func unknownCitizen() throws {
    try cli.expectRefusal(
      ["nemid", "check", "010203-1234", "--id", "passport:2030-01-31"],
      "no citizen 010203-XXXX in the registry; check the number, or import a CPR extract with "
        + "'postdesk citizens import FILE.csv'")
  }
}
