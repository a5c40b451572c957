import Foundation
import Testing

/// End-to-end tests of the desk commands (`exemption`, `access`, `letterbox notices`): the
/// built `postdesk` run on a temporary registry holding `samples/citizens.csv`, its
/// documents compared with the golden files in `Golden/`, and `citizens show --json`
/// asked after every change.
///
/// Today is 2026-11-22 unless a step says otherwise.
@Suite("postdesk exemption / access / letterbox notices, end to end")
struct DeskCommandTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
  }

  /// `--id` for a passport valid well past today.
  static let passport = "passport:2030-01-31"

  // MARK: The application form

  @Test func blankFormsInDanishAndEnglish() throws {
    let da = try cli.run(["exemption", "form", "--centre", "751", "--lang", "da", "--out", "blank.da.html"])
    #expect(da.status == 0, "\(da)")
    #expect(da.stdout == "Blank form (da): blank.da.html\n")
    try Golden.check(file: cli.path("blank.da.html"), against: "form.blank.da.html")

    let en = try cli.run(["exemption", "form", "--centre", "751", "--lang", "en", "--out", "blank.en.html"])
    #expect(en.status == 0, "\(en)")
    #expect(en.stdout == "Blank form (en): blank.en.html\n")
    try Golden.check(file: cli.path("blank.en.html"), against: "form.blank.en.html")
  }

  @Test func preFilledFormCarriesTheFullCPRNumberOfItsOwnCitizen() throws {
    let da = try cli.run(["exemption", "form", "120940-1653", "--clerk", "ast", "--out", "poul.html"])
    #expect(da.status == 0, "\(da)")
    #expect(da.stdout == "Pre-filled form (da): poul.html\n")
    try Golden.check(file: cli.path("poul.html"), against: "form.prefilled.da.html")
    let text = try String(contentsOfFile: cli.path("poul.html"), encoding: .utf8)
    #expect(text.contains("<span>120940-1653</span>"))

    // An emigrated citizen writing English: the language is theirs, the address foreign.
    let en = try cli.run(["exemption", "form", "300669-2809", "--clerk", "kbj", "--out", "michael.html"])
    #expect(en.status == 0, "\(en)")
    #expect(en.stdout == "Pre-filled form (en): michael.html\n")
    try Golden.check(file: cli.path("michael.html"), against: "form.prefilled.en.html")
  }

  // MARK: Exemption: apply, decide, withdraw

  @Test func grantedWithCriteriaAndPaperCopiesThenWithdrawn() throws {
    let before = try cli.show("120940-1653")
    #expect(before["channel"] as? String == "digital")
    #expect(before["letterbox"] as? String == "active")
    #expect(before["exemption"] is NSNull)

    let apply = try cli.run([
      "exemption", "apply", "120940-1653", "--criterion", "impairment", "--criterion", "2", "--id", Self.passport,
      "--paper-copies", "--centre", "101", "--clerk", "ast",
    ])
    #expect(apply.status == 0, "\(apply)")
    #expect(apply.stdout == "Application 1 recorded (FD-2026-000001) for 120940-XXXX\n")
    #expect(try cli.auditEntries() == 2)
    // Recorded, not yet decided: still digital.
    #expect(try cli.show("120940-1653")["channel"] as? String == "digital")

    let decide = try cli.run(["exemption", "decide", "1", "--grant", "--clerk", "ast", "--out", "decision.html"])
    #expect(decide.status == 0, "\(decide)")
    #expect(decide.stdout == "Application 1 granted (FD-2026-000001); letter: decision.html\n")
    try Golden.check(file: cli.path("decision.html"), against: "decision.granted.da.html")

    let exempt = try cli.show("120940-1653")
    #expect(exempt["channel"] as? String == "paper")
    #expect(exempt["letterbox"] as? String == "exempt")
    let exemption = exempt["exemption"] as? [String: Any]
    #expect(exemption?["since"] as? String == "2026-11-22")
    #expect(exemption?["criteria"] as? [String] == ["impairment", "no-internet"])

    let withdraw = try cli.run(["exemption", "withdraw", "120940-1653", "--clerk", "ast"], today: "2026-12-01")
    #expect(withdraw.status == 0, "\(withdraw)")
    #expect(withdraw.stdout == "Exemption of 120940-XXXX withdrawn on 2026-12-01; Digital Post from today\n")

    let digital = try cli.show("120940-1653", today: "2026-12-01")
    #expect(digital["channel"] as? String == "digital")
    #expect(digital["letterbox"] as? String == "active")
    #expect(digital["exemption"] is NSNull)
    // The day before the withdrawal the post still went on paper.
    #expect(try cli.show("120940-1653", today: "2026-11-30")["channel"] as? String == "paper")
  }

  @Test func refusedWithTheClerksReason() throws {
    let apply = try cli.run([
      "exemption", "apply", "050187-0321", "--criterion", "language", "--id", "residence-permit:2028-03-31",
      "--centre", "751", "--clerk", "mh",
    ])
    #expect(apply.status == 0, "\(apply)")
    #expect(apply.stdout == "Application 1 recorded (FD-2026-000001) for 050187-XXXX\n")

    let reason =
      "You told us at the counter that you read your Digital Post every day, so none of the five criteria applies to you."
    let decide = try cli.run([
      "exemption", "decide", "1", "--refuse", reason, "--clerk", "mh", "--out", "letters/refusal.html",
    ])
    #expect(decide.status == 0, "\(decide)")
    #expect(decide.stdout == "Application 1 refused (FD-2026-000001); letter: letters/refusal.html\n")
    try Golden.check(file: cli.path("letters/refusal.html"), against: "decision.refused.en.html")

    let after = try cli.show("050187-0321")
    #expect(after["channel"] as? String == "digital")
    #expect(after["exemption"] is NSNull)
    #expect(try cli.auditEntries() == 3)
  }

  @Test func emigratedCitizenIsGrantedForEmigration() throws {
    let apply = try cli.run([
      "exemption", "apply", "101075-0063", "--criterion", "emigrated", "--id", "passport:2029-06-30", "--centre",
      "101", "--clerk", "ast",
    ])
    #expect(apply.status == 0, "\(apply)")
    let decide = try cli.run(["exemption", "decide", "1", "--grant", "--clerk", "ast", "--out", "anders.html"])
    #expect(decide.status == 0, "\(decide)")
    try Golden.check(file: cli.path("anders.html"), against: "decision.emigrated.da.html")
    let text = try String(contentsOfFile: cli.path("anders.html"), encoding: .utf8)
    // Issue 22 item 13: ends on return or on rejoining, whichever comes first; after a return
    // the citizen applies again. Never the ordinary letter's "no need to apply again".
    #expect(text.contains("Du er fritaget, fordi du bor i udlandet."))
    #expect(text.contains("det, der sker\n    først"))
    #expect(text.contains("skal du søge om fritagelse igen"))
    #expect(!text.contains("Du skal ikke søge om den igen"))
    #expect(text.contains("<span>Hauptstraße 5</span><span>10115 Berlin</span><span>TYSKLAND</span>"))

    let after = try cli.show("101075-0063")
    #expect(after["channel"] as? String == "paper")
    #expect(after["letterbox"] as? String == "exempt")
    #expect((after["exemption"] as? [String: Any])?["criteria"] as? [String] == ["emigrated"])
  }

  /// Domain §4: "An exemption granted for emigration ends automatically when the citizen
  /// moves back to Denmark." Anders Holm is granted it as emigrated; a CPR extract then
  /// registers him as resident in København from 2027-01-05.
  @Test func exemptionForEmigrationEndsWhenTheCitizenMovesBack() throws {
    #expect(
      try cli.run([
        "exemption", "apply", "101075-0063", "--criterion", "emigrated", "--id", "passport:2029-06-30", "--centre",
        "101", "--clerk", "ast",
      ]).status == 0)
    #expect(try cli.run(["exemption", "decide", "1", "--grant", "--clerk", "ast", "--out", "d.html"]).status == 0)
    try """
    cpr,name,street,building,postcode,city,municipality
    101075-0063,Anders Holm,Vesterbrogade,3,1620,København V,101

    """.write(toFile: cli.path("back.csv"), atomically: true, encoding: .utf8)
    let moved = try cli.run(
      ["citizens", "import", cli.path("back.csv"), "--effective", "2027-01-05"], today: "2027-01-05")
    #expect(moved.status == 0, "\(moved)")
    #expect(try cli.show("101075-0063", today: "2027-01-04")["channel"] as? String == "paper")

    let back = try cli.show("101075-0063", today: "2027-01-05")
    #expect(back["channel"] as? String == "digital", "\(back)")
    #expect(back["letterbox"] as? String == "active")
    #expect(back["exemption"] is NSNull)
  }

  // MARK: Delegated access

  @Test func accessGrantedThenChangedThenRevoked() throws {
    let grant = [
      "access", "grant", "140382-3518", "020780-2743", "--until", "2027-11-30", "--consent", "in-person", "--id",
      Self.passport, "--clerk", "kbj",
    ]
    let new = try cli.run(grant + ["--level", "read", "--out", "new"])
    #expect(new.status == 0, "\(new)")
    #expect(
      new.stdout == """
        Access granted: 020780-XXXX may read the Digital Post of 140382-XXXX until 2027-11-30
          letter: new/access-confirmation-owner.html
          letter: new/access-notice-helper.html

        """)
    try Golden.check(file: cli.path("new/access-confirmation-owner.html"), against: "access.new.owner.da.html")
    try Golden.check(file: cli.path("new/access-notice-helper.html"), against: "access.new.helper.da.html")
    #expect(
      try lines(cli.run(["access", "list", "140382-3518"]).stdout) == [
        "Access to the Digital Post of 140382-XXXX on 2026-11-22:",
        "  020780-XXXX  Lars Jensen  read  2026-11-22 to 2027-11-30",
        "140382-XXXX has access to the Digital Post of:",
        "  none",
      ])
    #expect(
      try lines(cli.run(["access", "list", "020780-2743"]).stdout) == [
        "Access to the Digital Post of 020780-XXXX on 2026-11-22:",
        "  none",
        "020780-XXXX has access to the Digital Post of:",
        "  140382-XXXX  Mette Jensen  read  2026-11-22 to 2027-11-30",
      ])
    let shown = try cli.show("140382-3518")
    #expect(shown["channel"] as? String == "digital")
    #expect(
      (shown["accesses"] as? [[String: String]]) == [["helper": "020780-XXXX", "level": "read", "until": "2027-11-30"]])

    let changed = try cli.run(grant + ["--level", "read-write", "--out", "changed"])
    #expect(changed.status == 0, "\(changed)")
    #expect(
      changed.stdout == """
        Access changed: 020780-XXXX may read-write the Digital Post of 140382-XXXX until 2027-11-30
          letter: changed/access-confirmation-owner.html
          letter: changed/access-notice-helper.html

        """)
    try Golden.check(
      file: cli.path("changed/access-confirmation-owner.html"), against: "access.changed.owner.da.html")
    try Golden.check(file: cli.path("changed/access-notice-helper.html"), against: "access.changed.helper.da.html")
    #expect(
      try lines(cli.run(["access", "list", "140382-3518"]).stdout)[1]
        == "  020780-XXXX  Lars Jensen  read-write  2026-11-22 to 2027-11-30")

    // The same grant again changes nothing and writes no letter.
    let before = try cli.snapshot()
    let same = try cli.run(grant + ["--level", "read-write", "--out", "same"])
    #expect(same.status == 0, "\(same)")
    #expect(
      same.stdout == "020780-XXXX already has read-write access to 140382-XXXX until 2027-11-30; nothing changed\n")
    #expect(try cli.snapshot() == before)
    #expect(!FileManager.default.fileExists(atPath: cli.path("same")))

    let revoke = try cli.run(["access", "revoke", "140382-3518", "020780-2743", "--clerk", "kbj"])
    #expect(revoke.status == 0, "\(revoke)")
    #expect(revoke.stdout == "Access of 020780-XXXX to the Digital Post of 140382-XXXX revoked on 2026-11-22\n")
    #expect(
      try cli.run(["access", "list", "140382-3518"]).stdout == """
        Access to the Digital Post of 140382-XXXX on 2026-11-22:
          none
        140382-XXXX has access to the Digital Post of:
          none

        """)
    #expect((try cli.show("140382-3518")["accesses"] as? [Any])?.isEmpty == true)
    #expect(try cli.auditEntries() == 4)
  }

  @Test func accessForAnExemptOwnerLiftsTheExemptionWhenConfirmed() throws {
    #expect(
      try cli.run([
        "exemption", "apply", "120940-1653", "--criterion", "no-internet", "--id", Self.passport, "--centre", "101",
        "--clerk", "ast",
      ]).status == 0)
    #expect(
      try cli.run(["exemption", "decide", "1", "--grant", "--clerk", "ast", "--out", "decision.html"]).status == 0)
    #expect(try cli.show("120940-1653")["channel"] as? String == "paper")

    let grant = try cli.run([
      "access", "grant", "120940-1653", "250992-0020", "--level", "read", "--until", "2027-11-30", "--consent",
      "power-of-attorney", "--id", "national-id-card:2031-02-28", "--clerk", "ast", "--lift-exemption", "--out",
      "lifted",
    ])
    #expect(grant.status == 0, "\(grant)")
    #expect(
      grant.stdout == """
        Access granted: 250992-XXXX may read the Digital Post of 120940-XXXX until 2027-11-30
        The exemption of 120940-XXXX is lifted from 2026-11-22
          letter: lifted/access-confirmation-owner.html
          letter: lifted/access-notice-helper.html

        """)
    // The owner writes Danish, the helper English: each letter in its reader's language.
    try Golden.check(file: cli.path("lifted/access-confirmation-owner.html"), against: "access.lifted.owner.da.html")
    try Golden.check(file: cli.path("lifted/access-notice-helper.html"), against: "access.lifted.helper.en.html")

    let after = try cli.show("120940-1653")
    #expect(after["channel"] as? String == "digital")
    #expect(after["letterbox"] as? String == "active")
    #expect(after["exemption"] is NSNull)
    #expect((after["accesses"] as? [Any])?.count == 1)
  }

  // MARK: Letterbox notices

  /// Frederik Nørgaard (141211) turns 15 on 2026-12-14: his custody holders get the notice
  /// 21 days before, on 2026-11-23.
  @Test func noticesToBothCustodyHolders() throws {
    let result = try cli.run(["letterbox", "notices", "--date", "2026-11-23", "--out", "notices"])
    #expect(result.status == 0, "\(result)")
    #expect(
      result.stdout == """
        Notices due on 2026-11-23: 2
          141211-XXXX (letterbox 2026-12-14) to 170181-XXXX: notices/letterbox-notice-01.html
          141211-XXXX (letterbox 2026-12-14) to 301179-XXXX: notices/letterbox-notice-02.html

        """)
    try Golden.check(file: cli.path("notices/letterbox-notice-01.html"), against: "notice.frederik.birgitte.da.html")
    try Golden.check(file: cli.path("notices/letterbox-notice-02.html"), against: "notice.frederik.soren.da.html")
    #expect(try cli.auditEntries() == 1)
  }

  /// Sofie Østergaard, born 29 February 2012, gets her letterbox on 1 March 2027 (a common
  /// year), so the notice goes out on 8 February 2027.
  @Test func noticeForAChildBornOnTheLeapDay() throws {
    let result = try cli.run(["letterbox", "notices", "--date", "2027-02-08", "--out", "notices"])
    #expect(result.status == 0, "\(result)")
    #expect(
      result.stdout == """
        Notices due on 2027-02-08: 2
          290212-XXXX (letterbox 2027-03-01) to 090685-XXXX: notices/letterbox-notice-01.html
          290212-XXXX (letterbox 2027-03-01) to 220284-XXXX: notices/letterbox-notice-02.html

        """)
    try Golden.check(file: cli.path("notices/letterbox-notice-01.html"), against: "notice.sofie.ase.da.html")
    let second = try String(contentsOfFile: cli.path("notices/letterbox-notice-02.html"), encoding: .utf8)
    #expect(second.contains("<span>Jørgen Østergaard</span>"))
    #expect(second.contains("<span>1. marts 2027</span>"))

    let none = try cli.run(["letterbox", "notices", "--date", "2026-11-24", "--out", "none"])
    #expect(none.status == 0, "\(none)")
    #expect(none.stdout == "Notices due on 2026-11-24: 0\n")
    #expect(!FileManager.default.fileExists(atPath: cli.path("none")))
  }

  // MARK: Every golden document

  /// Domain §2: documents for anyone but the person mask the CPR number; the one full
  /// number is the citizen's own, on their pre-filled application form.
  @Test func goldenDocumentsShowAFullCPRNumberOnlyOnTheCitizensOwnForm() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Golden.folder.path).filter { $0.hasSuffix(".html") }
    #expect(names.count == 18)
    let fullNumber = /[0-9]{6}-?[0-9]{4}/
    for name in names.sorted() {
      let text = try String(contentsOf: Golden.folder.appendingPathComponent(name), encoding: .utf8)
      let found = text.matches(of: fullNumber).map { String(text[$0.range]) }
      switch name {
      case "form.prefilled.da.html": #expect(found == ["120940-1653"], "\(name)")
      case "form.prefilled.en.html": #expect(found == ["300669-2809"], "\(name)")
      default: #expect(found.isEmpty, "\(name) shows \(found)")
      }
      if !name.hasPrefix("form.") { #expect(text.contains("-XXXX"), "\(name) names nobody by CPR number") }
    }
  }

  // MARK: Help

  @Test func helpListsTheCriteriaAndIdentityDocuments() throws {
    let kinds =
      "eu-driving-licence, passport, military-id, nato-passport, police-id, residence-permit, bank-id, "
      + "national-id-card, birth-certificate, health-card, residence-certificate, tax-statement, benefit-receipt."
    let apply = try cli.run(["exemption", "apply", "--help"])
    #expect(apply.status == 0)
    let applyText = flattened(apply.stdout)
    #expect(
      applyText.contains(
        "Criteria (--criterion, any number, may be left out): "
          + "impairment, no-internet, emigrated, language, nemid."))
    #expect(applyText.contains("Identity documents (--id KIND[:EXPIRES], of the person appearing): " + kinds))

    let grant = try cli.run(["access", "grant", "--help"])
    #expect(grant.status == 0)
    let grantText = flattened(grant.stdout)
    #expect(
      grantText.contains("Levels: read, read-write. Consent: in-person (the owner is here) or power-of-attorney."))
    #expect(
      grantText.contains("Identity documents (--id KIND[:EXPIRES], of the person appearing for the owner): " + kinds))
  }

  /// The lines of a command's output, without trailing spaces.
  func lines(_ text: String) -> [String] {
    text.split(separator: "\n").map { String($0.reversed().drop { $0 == " " }.reversed()) }
  }

  /// Help text with its line breaks and indentation folded into single spaces.
  func flattened(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}
