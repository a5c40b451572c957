import DigitalPost
import Foundation
import Registry
import Testing

/// Delegated access on the web desk as domain.md §6 has it: the helper may give an access
/// up, and every access ends on the day the owner or the helper dies.
@Suite("web desk: access given up, access ended by death")
struct AccessRulesWebTests {
  static let mette = try! CPRNumber(parsing: "140382-3518")
  static let grant = [
    ("helper", "020780-2743"), ("level", "read"), ("until", "2027-11-22"), ("consent", "in-person"),
    ("id1Kind", "passport"), ("id1Expires", "2030-01-31"),
  ]

  /// §6: "the helper may give up, at any time", from the helper's own page.
  @Test func helperGivesUpFromTheirPage() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn("ast")
      let owner = try await browser.find("140382-3518")
      #expect(try await browser.post("\(owner)/access/grant", Self.grant).status == .ok)
      let helper = try await browser.find("020780-2743")
      let page = try await browser.get("\(helper)/access")
      #expect(page.has("give-up-1"))
      let reference = try #require(
        page.html.range(of: "name=\"owner\" value=\"[0-9a-f]+\"", options: .regularExpression).map {
          String(page.html[$0].dropFirst("name=\"owner\" value=\"".count).dropLast())
        })
      let givenUp = try await browser.post("\(helper)/access/give-up", [("owner", reference)])
      #expect(givenUp.status == .ok, "\(givenUp.html)")
      #expect(givenUp.text("result-title") == "Access given up")
      #expect(givenUp.has("letter-access-given-up-owner"))
      #expect(try await browser.get("\(helper)/access").has("accesses-held-none"))
      let again = try await browser.post("\(helper)/access/give-up", [("owner", reference)])
      #expect(again.status == .unprocessableContent)
      #expect(
        again.text("give-up-error")
          == "020780-XXXX has no access to the Digital Post of 140382-XXXX today; nothing to give up.")
    }
    #expect(try fixture.registry.accesses(owner: Self.mette, asOf: WebDeskFixture.today).isEmpty)
    #expect(try fixture.registry.auditEntries(about: Self.mette).last?.action == "access.end")
  }

  /// §6: an access ends on the day the helper dies; the page and a revocation say so.
  @Test func deathEndsTheAccessOnThePage() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn("ast")
      let owner = try await browser.find("140382-3518")
      #expect(try await browser.post("\(owner)/access/grant", Self.grant).status == .ok)
      let csv = "\(fixture.folder)/death.csv"
      try """
      cpr,name,street,building,floor,door,postcode,city,co_name,foreign_lines,country,status,status_date,language,\
      municipality,custody_1,custody_2
      020780-2743,Lars Jensen,Søndergade,14,2,tv,8000,Aarhus C,,,,deceased,2026-11-22,da,751,,

      """.write(toFile: csv, atomically: true, encoding: .utf8)
      _ = try fixture.registry.importCitizens(
        csvPath: csv, effective: WebDeskFixture.today,
        actor: AuditActor(clerk: "system", centre: "000", at: Date(timeIntervalSince1970: 1_795_000_000)))
      #expect(try await browser.get("\(owner)/access").has("accesses-given-none"))
      let before = try fixture.dump()
      let revoked = try await browser.post("\(owner)/access/revoke", [("helper", "020780-2743")])
      #expect(revoked.status == .unprocessableContent)
      #expect(
        revoked.text("revoke-error")
          == "The access of helper 020780-XXXX to owner 140382-XXXX's post already ended on 22 November 2026 "
          + "(ended by the helper's death); nothing to end.")
      #expect(try fixture.dump() == before)
    }
  }
}
