import DigitalPost
import Foundation
import Registry
import Testing

/// The second rules audit (issue 22) on the web desk: NemID as registered (§5), no access to
/// a letterbox never assigned (§3, §6), an exemption that ends the accesses given (§4, §6),
/// no withdrawal after a death (§4), and an application withdrawn by the applicant (§4).
/// Each refusal in both languages by its field, with nothing written.
@Suite("web desk: NemID, access and withdrawals as the rules have them")
struct AccessAuditWebTests {
  static let mette = try! CPRNumber(parsing: "140382-3518")
  static let passport = [("id1Kind", "passport"), ("id1Expires", "2030-01-31")]
  static let header =
    "cpr,name,street,building,floor,door,postcode,city,co_name,foreign_lines,country,status,status_date,language,"
    + "municipality,custody_1,custody_2"

  static func grant(_ helper: String, level: String = "read-write") -> [(String, String)] {
    [("helper", helper), ("level", level), ("until", "2027-11-22"), ("consent", "in-person")] + passport
  }

  /// Imports `rows` into the fixture's registry, effective today.
  static func importRows(_ rows: [String], into fixture: WebDeskFixture) throws {
    let csv = "\(fixture.folder)/extract.csv"
    try ([header] + rows).joined(separator: "\n").appending("\n").write(toFile: csv, atomically: true, encoding: .utf8)
    _ = try fixture.registry.importCitizens(
      csvPath: csv, effective: WebDeskFixture.today,
      actor: AuditActor(clerk: "system", centre: "000", at: Date(timeIntervalSince1970: 1_795_000_000)))
  }

  /// (language, CPR number, documents, the answer)
  static let nemIDCases: [(String, String, [(String, String)], String)] = [
    ("en", "291146-2586", passport, "291146-XXXX cannot obtain NemID/MitID: 291146-XXXX died on 15 December 2025."),
    ("da", "291146-2586", passport, "291146-XXXX kan ikke få MitID: 291146-XXXX døde den 15. december 2025."),
    (
      "en", "160588-1617", [("id1Kind", "health-card"), ("id2Kind", "birth-certificate")],
      "160588-XXXX cannot obtain NemID/MitID: the ID has no photo, so the code card would come by post, but no "
        + "address is registered for 160588-XXXX in the CPR register, so it cannot be posted; bring a valid photo "
        + "ID, and the code card is handed over at the counter; this supports exemption criterion 5 (nemid)"
    ),
    (
      "da", "160588-1617", [("id1Kind", "health-card"), ("id2Kind", "birth-certificate")],
      "160588-XXXX kan ikke få MitID: legitimationen er uden billede, så aktiveringskoden skulle sendes med "
        + "posten, men der er ingen adresse registreret for 160588-XXXX i CPR-registret, så den kan ikke sendes; "
        + "medbring gyldig billedlegitimation, så udleveres aktiveringskoden ved skranken; det understøtter "
        + "fritagelseskriterium 5 (MitID)"
    ),
  ]

  /// §5: issue 22.1 (death first) and 22.2 (no address for the code card), as `nemid check`.
  @Test(arguments: nemIDCases)
  func nemIDAsRegistered(language: String, cpr: String, documents: [(String, String)], answer: String) async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client, language: language)
      try await browser.signIn()
      let citizen = try await browser.find(cpr)
      let before = try fixture.dump()
      let page = try await browser.post("\(citizen)/nemid", documents)
      #expect(page.status == .ok)
      #expect(page.text("nemid-answer") == answer)
      #expect(try fixture.dump() == before)
    }
  }

  /// §3, §6: issue 22.3, no access to a letterbox never assigned; §7.5 the page routes as
  /// for someone without one.
  @Test(arguments: [
    (
      "en",
      "Owner 101111-XXXX has no letterbox: registered as living abroad since 1 January 2020, before turning 15 on "
        + "10 November 2026, so none was assigned; access can be given once they are registered as living in Denmark.",
      "§7.5: no letterbox assigned (registered abroad since before turning 15), one copy to each of 2 custody "
        + "holder(s)"
    ),
    (
      "da",
      "Ejer 101111-XXXX har ingen digital postkasse: registreret som bosat i udlandet siden 1. januar 2020, før det "
        + "fyldte 15. år den 10. november 2026, så der blev ikke tildelt en; adgang kan gives, når vedkommende er "
        + "registreret som bosat i Danmark.",
      "§7.5: ingen digital postkasse tildelt (registreret i udlandet siden før det fyldte 15. år), én kopi til hver "
        + "af 2 forældremyndighedsindehaver(e)"
    ),
  ])
  func noAccessToALetterboxNeverAssigned(language: String, refusal: String, route: String) async throws {
    let fixture = try WebDeskFixture()
    try Self.importRows(
      [
        "101111-4001,Ella Jensen,,,,,,,,Hauptstraße 5|10115 Berlin,DE,emigrated,2020-01-01,da,751,140382-3518,"
          + "020780-2743"
      ], into: fixture)
    try await fixture.run { client in
      let browser = Browser(client, language: language)
      try await browser.signIn()
      let owner = try await browser.find("101111-4001")
      #expect(try await browser.get(owner).html.contains(route))
      let before = try fixture.dump()
      let page = try await browser.post("\(owner)/access/grant", Self.grant("020780-2743"))
      #expect(page.status == .unprocessableContent)
      #expect(page.text("grant-error") == refusal)
      #expect(try fixture.dump() == before)
    }
  }

  /// §4, §6: issue 22.4, a grant to an owner who has given access is refused until the box
  /// is ticked; then the access ends, recorded, and the helper has a letter.
  @Test func anExemptionEndsTheAccessesGiven() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn("ast")
      let owner = try await browser.find("140382-3518")
      #expect(try await browser.post("\(owner)/access/grant", Self.grant("020780-2743")).status == .ok)
      #expect(try await browser.post("\(owner)/exemption/apply", Self.passport).status == .ok)
      let decide = [("application", "1"), ("verdict", "grant")]
      let before = try fixture.dump()
      let refused = try await browser.post("\(owner)/exemption/decide", decide)
      #expect(refused.status == .unprocessableContent)
      #expect(
        refused.text("decide-end-access-error")
          == "Owner 140382-XXXX has given access to their Digital Post to 020780-XXXX, and an exemption ends it (a "
          + "helper can only read digital post); tick the box to end the access, or do not grant the exemption.")
      let danish = Browser(client, language: "da")
      try await danish.signIn("mh")
      let ejer = try await danish.find("140382-3518")
      let afvist = try await danish.post("\(ejer)/exemption/decide", decide)
      #expect(
        afvist.text("decide-end-access-error")
          == "Ejer 140382-XXXX har givet 020780-XXXX adgang til sin Digital Post, og en fritagelse bringer adgangen "
          + "til ophør (en hjælper kan kun læse digital post); sæt kryds for at afslutte adgangen, eller undlad at "
          + "give fritagelsen.")
      #expect(try fixture.dump() == before)

      let granted = try await browser.post("\(owner)/exemption/decide", decide + [("endAccess", "on")])
      #expect(granted.status == .ok, "\(granted.html)")
      #expect(
        granted.text("result-message")
          == "Application 1 granted (FD-2026-000001). The access of 020780-XXXX to the citizen's Digital Post has "
          + "ended; each helper has a letter.")
      #expect(granted.has("letter-exemption-decision"))
      #expect(granted.has("letter-access-ended-helper"))
      #expect(try await browser.get("\(owner)/access").has("accesses-given-none"))
    }
    #expect(try fixture.registry.accesses(owner: Self.mette, asOf: WebDeskFixture.today).isEmpty)
    #expect(try fixture.registry.auditEntries(about: Self.mette).last?.action == "access.end")
    #expect(try fixture.registry.verifyAuditedState() == nil)
    if case .broken(let id, let reason) = try fixture.registry.verifyAuditChain() {
      Issue.record("audit entry \(id): \(reason)")
    }
  }

  /// §4: issue 22.7, a dead citizen's exemption cannot be withdrawn "by the citizen".
  @Test(arguments: [
    ("en", "The exemption of 140382-XXXX ended with their death on 22 November 2026; nothing to withdraw."),
    ("da", "Fritagelsen for 140382-XXXX ophørte ved dødsfaldet den 22. november 2026; der er intet at tilbagekalde."),
  ])
  func aDeadCitizensExemptionIsNotWithdrawn(language: String, refusal: String) async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client, language: language)
      try await browser.signIn("ast")
      let citizen = try await browser.find("140382-3518")
      #expect(try await browser.post("\(citizen)/exemption/apply", Self.passport).status == .ok)
      #expect(
        try await browser.post("\(citizen)/exemption/decide", [("application", "1"), ("verdict", "grant")]).status
          == .ok)
      try Self.importRows(
        ["140382-3518,Mette Jensen,Søndergade,14,2,tv,8000,Aarhus C,,,,deceased,2026-11-22,da,751,,"], into: fixture)
      let before = try fixture.dump()
      let page = try await browser.post("\(citizen)/exemption/withdraw", [])
      #expect(page.status == .unprocessableContent)
      #expect(page.text("withdraw-error") == refusal)
      #expect(try fixture.dump() == before)
    }
  }

  /// §4: a dead applicant withdraws nothing; the application is refused instead.
  @Test(arguments: [
    (
      "en",
      "Applicant 140382-XXXX died on 22 November 2026, so application 1 cannot be withdrawn by them; refuse it "
        + "instead with the decision form."
    ),
    (
      "da",
      "Ansøger 140382-XXXX døde den 22. november 2026, så ansøgning 1 kan ikke trækkes tilbage af ansøgeren; afslå "
        + "den i stedet med afgørelsesformularen."
    ),
  ])
  func aDeadApplicantsApplicationIsNotWithdrawn(language: String, refusal: String) async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client, language: language)
      try await browser.signIn("ast")
      let citizen = try await browser.find("140382-3518")
      #expect(try await browser.post("\(citizen)/exemption/apply", Self.passport).status == .ok)
      try Self.importRows(
        ["140382-3518,Mette Jensen,Søndergade,14,2,tv,8000,Aarhus C,,,,deceased,2026-11-22,da,751,,"], into: fixture)
      let before = try fixture.dump()
      let page = try await browser.post("\(citizen)/exemption/withdraw-application", [("application", "1")])
      #expect(page.status == .unprocessableContent)
      #expect(page.text("withdraw-application-error") == refusal)
      #expect(try fixture.dump() == before)
    }
  }

  /// §4: an application withdrawn by the applicant leaves the queue and no longer blocks a
  /// new one; closed, it cannot be withdrawn or decided again.
  @Test func anApplicationWithdrawnByTheApplicant() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn("ast")
      let citizen = try await browser.find("140382-3518")
      #expect(try await browser.post("\(citizen)/exemption/apply", Self.passport).status == .ok)
      #expect(try await browser.get("/applications").html.contains("140382-XXXX"))
      let withdrawn = try await browser.post("\(citizen)/exemption/withdraw-application", [("application", "1")])
      #expect(withdrawn.status == .ok, "\(withdrawn.html)")
      #expect(withdrawn.text("result-title") == "Application withdrawn")
      #expect(
        withdrawn.text("result-message")
          == "Application 1 (FD-2026-000001) is closed as withdrawn by the applicant: no decision, no letter.")
      #expect(!withdrawn.html.contains("id=\"letter-"))
      #expect(try await browser.get("/applications").html.contains("140382-XXXX") == false)
      let page = try await browser.get("\(citizen)/exemption")
      #expect(page.has("citizen-pending-none"))
      #expect(page.html.contains("withdrawn by the applicant"))

      let before = try fixture.dump()
      let again = try await browser.post("\(citizen)/exemption/withdraw-application", [("application", "1")])
      #expect(again.status == .unprocessableContent)
      #expect(
        again.text("withdraw-application-number-error")
          == "Application 1 was already withdrawn by the applicant (recorded by ast at centre 751 on 22 November "
          + "2026); it is closed — record a new application if the citizen applies again.")
      let decided = try await browser.post("\(citizen)/exemption/decide", [("application", "1"), ("verdict", "grant")])
      #expect(decided.status == .unprocessableContent)
      #expect(decided.text("decide-application-error") == again.text("withdraw-application-number-error"))
      let danish = Browser(client, language: "da")
      try await danish.signIn("mh")
      let borger = try await danish.find("140382-3518")
      let igen = try await danish.post("\(borger)/exemption/withdraw-application", [("application", "1")])
      #expect(
        igen.text("withdraw-application-number-error")
          == "Ansøgning 1 er allerede trukket tilbage af ansøgeren (registreret af ast i borgerservice 751 den 22. "
          + "november 2026); den er afsluttet — registrér en ny ansøgning, hvis borgeren søger igen.")
      #expect(try fixture.dump() == before)
      // Another citizen's application is not this page's to close.
      let other = try await browser.find("020780-2743")
      #expect(try await browser.post("\(other)/exemption/apply", Self.passport).status == .ok)
      let applied = try fixture.dump()
      let foreign = try await browser.post("\(citizen)/exemption/withdraw-application", [("application", "2")])
      #expect(foreign.status == .unprocessableContent)
      #expect(
        foreign.text("withdraw-application-number-error")
          == "No exemption application 2 in the registry; check its number.")
      #expect(try fixture.dump() == applied)
      // The citizen applies anew.
      #expect(try await browser.post("\(citizen)/exemption/apply", Self.passport).status == .ok)
    }
    #expect(try fixture.registry.verifyAuditedState() == nil)
    if case .broken(let id, let reason) = try fixture.registry.verifyAuditChain() {
      Issue.record("audit entry \(id): \(reason)")
    }
  }
}
