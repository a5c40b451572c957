import DigitalPost
import Foundation
import HummingbirdTesting
import PostDesk
import Registry
import Testing

/// Who may read and do what on the web desk (docs/web.md, "Who may do what"), cell by cell:
/// a clerk of any centre looks citizens up, prints forms, receives applications, records a
/// withdrawal and the accesses asked for at the counter; only the clerks of the deciding
/// municipality (the citizen's, Act §5(2)) decide an application, and only from that
/// citizen's page; a record named in a form must be the page's citizen's; a letter is served
/// to the clerks of the centre that produced it. A refusal changes neither the registry nor
/// the audit log, and leaves no letter behind.
@Suite("web desk: who may do what")
struct PermissionTests {
  static let mette = "140382-3518"  // municipality 751, as mh and kbj
  static let lars = "020780-2743"  // 751
  static let poul = "120940-1653"  // 101: decided in Copenhagen, where ast works in these tests
  static let passport = [("criterion", "impairment"), ("id1Kind", "passport"), ("id1Expires", "2030-01-31")]
  static let grant = [
    ("helper", lars), ("level", "read"), ("until", "2027-11-22"), ("consent", "in-person"),
    ("id1Kind", "passport"), ("id1Expires", "2030-01-31"),
  ]

  /// The fixture with `ast` moved to Borgerservice København (101, where centres.json lists
  /// them as Anders Storm) and `kbj` added at 751 beside `mh`.
  static func fixture() throws -> WebDeskFixture {
    let fixture = try WebDeskFixture()
    let actor = AuditActor(clerk: "system", centre: "000", at: Date(timeIntervalSince1970: 1_795_000_000))
    for (id, centre) in [("ast", 101), ("kbj", 751)] {
      try ClerkAccounts.add(
        id: id, centre: MunicipalityCode(centre)!, admin: false, password: WebDeskFixture.password,
        registry: fixture.registry, actor: actor, cost: 4)
    }
    return fixture
  }

  /// The path of the letter `stem` on a result page.
  static func letter(_ stem: String, on page: Page) throws -> String {
    let range = try #require(
      page.html.range(of: "href=\"/documents/[0-9a-f]{32}/\(stem).html\"", options: .regularExpression))
    return String(page.html[range].dropFirst(6).dropLast())
  }

  @Test("deciding another citizen's application from this citizen's page is refused, in both languages")
  func decideAnotherCitizensApplication() async throws {
    let fixture = try Self.fixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn("mh")
      let poul = try await browser.find(Self.poul)
      #expect(try await browser.post("\(poul)/exemption/apply", Self.passport).status == .ok)
      let mette = try await browser.find(Self.mette)
      #expect(try await browser.post("\(mette)/exemption/apply", Self.passport).status == .ok)
      let danish = Browser(client, language: "da")
      try await danish.signIn("mh")
      let metteToo = try await danish.find(Self.mette)

      let before = try fixture.dump()
      let kept = try fixture.keptLetters()
      for verdict in [[("verdict", "grant")], [("verdict", "refuse"), ("reason", "No.")]] {
        let refused = try await browser.post("\(mette)/exemption/decide", [("application", "1")] + verdict)
        #expect(refused.status == .unprocessableContent)
        #expect(
          refused.text("decide-application-error")
            == "140382-XXXX has no exemption application 1; decide one of the applications listed on this page.")
        let dansk = try await danish.post("\(metteToo)/exemption/decide", [("application", "1")] + verdict)
        #expect(dansk.status == .unprocessableContent)
        #expect(
          dansk.text("decide-application-error")
            == "140382-XXXX har ingen ansøgning om fritagelse nr. 1; afgør en af de ansøgninger, der står på denne side."
        )
      }
      #expect(try fixture.dump() == before)
      #expect(try fixture.keptLetters() == kept)
      // The citizen's own application, from their page: decided.
      let decided = try await browser.post("\(mette)/exemption/decide", [("application", "2"), ("verdict", "grant")])
      #expect(decided.status == .ok, "\(decided.html)")
    }
    #expect(try fixture.registry.application(id: 1)?.decision == nil)
  }

  @Test("only a clerk of the citizen's municipality decides; the letter is signed for it by that clerk")
  func onlyTheDecidingMunicipalityDecides() async throws {
    let fixture = try Self.fixture()
    try await fixture.run { client in
      let aarhus = Browser(client)
      try await aarhus.signIn("mh")
      // Received in Aarhus: any centre receives an application.
      let poul = try await aarhus.find(Self.poul)
      let applied = try await aarhus.post("\(poul)/exemption/apply", Self.passport)
      #expect(applied.status == .ok)
      #expect(applied.text("application-id") == "1")
      let danish = Browser(client, language: "da")
      try await danish.signIn("kbj")
      let poulToo = try await danish.find(Self.poul)

      let before = try fixture.dump()
      let kept = try fixture.keptLetters()
      for verdict in [[("verdict", "grant")], [("verdict", "refuse"), ("reason", "No.")]] {
        let refused = try await aarhus.post("\(poul)/exemption/decide", [("application", "1")] + verdict)
        #expect(refused.status == .unprocessableContent)
        #expect(
          refused.text("decide-error")
            == "The application of 120940-XXXX is decided by municipality 101, where they are registered (Digital "
            + "Post Act §5(2)), not by centre 751, where you are signed in; a clerk of municipality 101 decides it.")
        let dansk = try await danish.post("\(poulToo)/exemption/decide", [("application", "1")] + verdict)
        #expect(dansk.status == .unprocessableContent)
        #expect(
          dansk.text("decide-error")
            == "Ansøgningen fra 120940-XXXX afgøres af kommune 101, hvor borgeren er registreret (lov om Digital Post "
            + "§ 5, stk. 2), ikke af borgerservice 751, hvor du er logget ind; en sagsbehandler i kommune 101 afgør den."
        )
      }
      #expect(try fixture.dump() == before)
      #expect(try fixture.keptLetters() == kept)

      let copenhagen = Browser(client)
      try await copenhagen.signIn("ast")
      let poulThere = try await copenhagen.find(Self.poul)
      let decided = try await copenhagen.post(
        "\(poulThere)/exemption/decide", [("application", "1"), ("verdict", "grant")])
      #expect(decided.status == .ok, "\(decided.html)")
      let letter = try await copenhagen.get(try Self.letter("exemption-decision", on: decided))
      #expect(letter.status == .ok)
      #expect(letter.html.contains("Borgerservice København"))
      #expect(letter.html.contains("Anders Storm"))
      #expect(!letter.html.contains("Borgerservice Aarhus"))
    }
    let entries = try fixture.registry.auditEntries(about: try CPRNumber(parsing: Self.poul))
    #expect(entries.map(\.action).suffix(3) == ["application.record", "application.decide", "exemption.start"])
    #expect(entries.suffix(3).map { "\($0.clerk) @ \($0.centre)" } == ["mh @ 751", "ast @ 101", "ast @ 101"])
  }

  @Test("the work queue lists only what the clerk's own municipality decides")
  func workQueuePerMunicipality() async throws {
    let fixture = try Self.fixture()
    try await fixture.run { client in
      let aarhus = Browser(client)
      try await aarhus.signIn("mh")
      let poul = try await aarhus.find(Self.poul)
      #expect(try await aarhus.post("\(poul)/exemption/apply", Self.passport).status == .ok)
      let mette = try await aarhus.find(Self.mette)
      #expect(try await aarhus.post("\(mette)/exemption/apply", Self.passport).status == .ok)
      let copenhagen = Browser(client)
      try await copenhagen.signIn("ast")
      #expect(try await aarhus.get("/applications").cells("application-id") == ["2"])
      let queue = try await copenhagen.get("/applications")
      #expect(queue.cells("application-id") == ["1"])
      #expect(queue.cells("application-deciding") == ["101"])
      #expect(queue.text("nav-applications-count") == "1")
    }
  }

  @Test("a clerk of any centre looks up, prints the form, receives an application and records a withdrawal")
  func anyCentreAtTheCounter() async throws {
    let fixture = try Self.fixture()
    try await fixture.run { client in
      let aarhus = Browser(client)
      try await aarhus.signIn("mh")
      let mette = try await aarhus.find(Self.mette)
      #expect(try await aarhus.post("\(mette)/exemption/apply", Self.passport).status == .ok)
      #expect(
        try await aarhus.post("\(mette)/exemption/decide", [("application", "1"), ("verdict", "grant")]).status == .ok)

      let copenhagen = Browser(client)
      try await copenhagen.signIn("ast")
      let there = try await copenhagen.find(Self.mette)
      #expect(try await copenhagen.get(there).text("citizen-name") == "Mette Jensen")
      #expect(try await copenhagen.get("\(there)/audit").status == .ok)
      #expect(try await copenhagen.post("\(there)/exemption/form", [("language", "")]).status == .ok)
      let withdrawn = try await copenhagen.post("\(there)/exemption/withdraw", [])
      #expect(withdrawn.status == .ok, "\(withdrawn.html)")
      #expect(try await copenhagen.post("\(there)/access/grant", Self.grant).status == .ok)
    }
    let entries = try fixture.registry.auditEntries(about: try CPRNumber(parsing: Self.mette))
    #expect(entries.first { $0.action == "exemption.end" }.map { "\($0.clerk) @ \($0.centre)" } == "ast @ 101")
    #expect(entries.last.map { "\($0.clerk) @ \($0.centre)" } == "ast @ 101")
  }

  @Test("revoke and give up end only an access of the page's citizen")
  func accessOfThePagesCitizenOnly() async throws {
    let fixture = try Self.fixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn("mh")
      let mette = try await browser.find(Self.mette)
      #expect(try await browser.post("\(mette)/access/grant", Self.grant).status == .ok)
      // Lars helps Mette; on Poul's page, neither is Poul's to end.
      let poul = try await browser.find(Self.poul)
      let before = try fixture.dump()
      let revoke = try await browser.post("\(poul)/access/revoke", [("helper", Self.lars)])
      #expect(revoke.status == .unprocessableContent)
      #expect(
        revoke.text("revoke-error")
          == "020780-XXXX has no access to the Digital Post of 120940-XXXX today; nothing to revoke.")
      let giveUp = try await browser.post("\(poul)/access/give-up", [("owner", Self.mette)])
      #expect(giveUp.status == .unprocessableContent)
      #expect(
        giveUp.text("give-up-error")
          == "120940-XXXX has no access to the Digital Post of 140382-XXXX today; nothing to give up.")
      #expect(try fixture.dump() == before)
    }
  }

  @Test("a letter is served to the clerks of the centre that produced it, and to no other")
  func lettersStayWithTheirCentre() async throws {
    let fixture = try Self.fixture()
    try await fixture.run { client in
      let maker = Browser(client)
      try await maker.signIn("mh")
      let mette = try await maker.find(Self.mette)
      let printed = try await maker.post("\(mette)/exemption/form", [("language", "")])
      let path = try Self.letter("exemption-form", on: printed)
      #expect(try await maker.get(path).status == .ok)

      let colleague = Browser(client)
      try await colleague.signIn("kbj")
      #expect(try await colleague.get(path).status == .ok)

      let elsewhere = Browser(client)
      try await elsewhere.signIn("ast")
      for asked in [path, path.replacingOccurrences(of: ".html", with: ".pdf")] {
        let refused = try await elsewhere.get(asked)
        #expect(refused.status == .notFound)
        #expect(refused.has("not-found"))
        #expect(!refused.html.contains("Mette Jensen"))
      }
      // The PDF was not printed for the clerk who may not see it.
      #expect(try fixture.keptLetters() == ["exemption-form.html"])
    }
  }
}
