import DigitalPost
import Foundation
import HummingbirdTesting
import Registry
import Testing

/// The desk's jobs through HTTP: what the pages show, what the registry then holds, and
/// that no CPR number leaks into a URL, a title or the log.
@Suite("Web desk actions")
struct DeskActionTests {
  static let mette = try! CPRNumber(parsing: "140382-3518")
  static let lars = try! CPRNumber(parsing: "020780-2743")

  @Test("look up, apply, decide: the pages, the letters and the audit name the signed-in clerk")
  func exemptionFlow() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let page = try await browser.get(citizen)
      #expect(page.text("citizen-name") == "Mette Jensen")
      #expect(page.text("citizen-cpr") == "140382-XXXX")
      #expect(page.text("citizen-exemption") == "none")
      #expect(page.text("citizen-channel") == "digital")
      #expect(page.text("signed-in-clerk") == "mh @ 751")

      let form = try await browser.post("\(citizen)/exemption/form", [("language", "")])
      #expect(form.status == .ok)
      #expect(form.has("letter-exemption-form"))

      let applied = try await browser.post(
        "\(citizen)/exemption/apply",
        [("criterion", "impairment"), ("id1Kind", "passport"), ("id1Expires", "2030-01-31")])
      #expect(applied.status == .ok)
      let id = try #require(applied.text("application-id"))
      #expect(applied.has("no-letters"))

      let decided = try await browser.post(
        "\(citizen)/exemption/decide", [("application", id), ("verdict", "grant")])
      #expect(decided.status == .ok)
      #expect(decided.text("result-title") == "Exemption granted")
      let href = try #require(
        decided.html.range(of: "href=\"/documents/[0-9a-f]{32}/exemption-decision.html\"", options: .regularExpression)
      )
      let letterPath = String(decided.html[href].dropFirst(6).dropLast())
      let letter = try await browser.get(letterPath)
      #expect(letter.status == .ok)
      #expect(letter.html.contains("Mette Jensen"))

      let after = try await browser.get(citizen)
      #expect(after.text("citizen-exemption") == "exempt")
      #expect(after.text("citizen-channel") == "paper")
      let audit = try await browser.get("\(citizen)/audit")
      #expect(audit.html.components(separatedBy: "class=\"audit-entry\"").count - 1 == 4)
      #expect(audit.html.contains("<td class=\"audit-clerk\">mh</td>"))
      // What happened, in words, with the log's action word kept for machines.
      #expect(
        audit.html.contains("<td class=\"audit-action\" data-value=\"exemption.start\">Exemption started</td>"))
    }
    let entries = try fixture.registry.auditEntries(about: Self.mette)
    #expect(entries.map(\.action).suffix(3) == ["application.record", "application.decide", "exemption.start"])
    #expect(entries.suffix(3).allSatisfy { $0.clerk == "mh" && $0.centre == "751" })
    #expect(try fixture.registry.exemption(Self.mette, asOf: WebDeskFixture.today) != nil)
  }

  @Test("a rule's refusal shows by its field, keeping what was typed, and changes nothing")
  func ruleRefusal() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let before = try fixture.dump()
      let page = try await browser.post(
        "\(citizen)/access/grant",
        [
          ("helper", "140382-3518"), ("level", "read-write"), ("until", "2027-11-22"), ("consent", "in-person"),
          ("id1Kind", "passport"), ("id1Expires", "2030-01-31"),
        ])
      #expect(page.status == .unprocessableContent)
      #expect(
        page.text("grant-helper-error")
          == "Owner 140382-XXXX cannot be their own helper; choose another citizen as helper.")
      #expect(page.html.contains("value=\"2027-11-22\""))
      #expect(page.html.contains("<option value=\"read-write\" selected=\"selected\">"))
      let past = try await browser.post(
        "\(citizen)/access/grant",
        [
          ("helper", "020780-2743"), ("level", "read"), ("until", "2020-01-01"), ("consent", "in-person"),
          ("id1Kind", "passport"), ("id1Expires", "2030-01-31"),
        ])
      #expect(past.status == .unprocessableContent)
      #expect(
        past.text("grant-until-error")
          == "Expiry 1 January 2020 is in the past (today is 22 November 2026); choose a later expiry date.")
      let find = try await browser.post("/citizens", [("cpr", "14038-3518")])
      #expect(find.status == .unprocessableContent)
      #expect(find.has("cpr-error"))
      #expect(find.html.contains("value=\"14038-3518\""))
      #expect(try fixture.dump() == before)
    }
  }

  @Test("grant and revoke an access: both letters, then the list is empty")
  func grantAndRevoke() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn("ast")
      let citizen = try await browser.find("140382-3518")
      let granted = try await browser.post(
        "\(citizen)/access/grant",
        [
          ("helper", "020780-2743"), ("level", "read"), ("until", "2027-11-22"), ("consent", "in-person"),
          ("id1Kind", "passport"), ("id1Expires", "2030-01-31"),
        ])
      #expect(granted.status == .ok)
      #expect(granted.text("result-title") == "Access granted")
      #expect(granted.has("letter-access-confirmation-owner"))
      #expect(granted.has("letter-access-notice-helper"))
      let list = try await browser.get("\(citizen)/access")
      #expect(
        list.text("accesses-given")?.contains("020780-XXXX Lars Jensen read 22 November 2026 22 November 2027") == true)
      let helper = try #require(
        list.html.range(of: "name=\"helper\" value=\"[0-9a-f]+\"", options: .regularExpression).map {
          String(list.html[$0].dropFirst("name=\"helper\" value=\"".count).dropLast())
        })
      let revoked = try await browser.post("\(citizen)/access/revoke", [("helper", helper)])
      #expect(revoked.text("result-title") == "Access revoked")
      #expect(try await browser.get("\(citizen)/access").has("accesses-given-none"))
    }
    #expect(try fixture.registry.accesses(owner: Self.mette, asOf: WebDeskFixture.today).isEmpty)
    #expect(try fixture.registry.auditEntries(about: Self.mette).last?.clerk == "ast")
  }

  @Test("two clerks acting on the same citizen at once: nothing is lost")
  func concurrentActions() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let first = Browser(client)
      let second = Browser(client)
      let third = Browser(client)
      try await first.signIn("mh")
      try await second.signIn("ast")
      try await third.signIn("ast")
      let a = try await first.find("140382-3518")
      let b = try await second.find("140382-3518")
      let c = try await third.find("140382-3518")
      for round in 0..<3 {
        let until = "202\(7 + round)-11-22"
        async let one = first.post(
          "\(a)/access/grant",
          [
            ("helper", "020780-2743"), ("level", "read"), ("until", until), ("consent", "in-person"),
            ("id1Kind", "passport"), ("id1Expires", "2030-01-31"),
          ])
        // One undecided application at a time (domain.md §4): apply, refuse it, apply again.
        let secondAction: (String, [(String, String)]) =
          round == 1
          ? ("\(b)/exemption/decide", [("application", "1"), ("verdict", "refuse"), ("reason", "Not now.")])
          : (
            "\(b)/exemption/apply",
            [("criterion", "impairment"), ("id1Kind", "passport"), ("id1Expires", "2030-01-31")]
          )
        async let two = second.post(secondAction.0, secondAction.1)
        async let three = third.post(
          "\(c)/access/grant",
          [
            ("helper", "301179-2927"), ("level", "read-write"), ("until", until), ("consent", "in-person"),
            ("id1Kind", "passport"), ("id1Expires", "2030-01-31"),
          ])
        let (x, y, z) = try await (one, two, three)
        #expect(x.status == .ok, "\(x.html)")
        #expect(y.status == .ok, "\(y.html)")
        #expect(z.status == .ok, "\(z.html)")
      }
    }
    let entries = try fixture.registry.auditEntries(about: Self.mette)
    #expect(entries.filter { $0.clerk == "mh" }.count == 3)
    #expect(entries.filter { $0.clerk == "ast" && $0.action == "application.record" }.count == 2)
    #expect(entries.filter { $0.clerk == "ast" && $0.action == "application.decide" }.count == 1)
    #expect(entries.filter { $0.clerk == "ast" && $0.action.hasPrefix("access.") }.count == 3)
    let accesses = try fixture.registry.accesses(owner: Self.mette, asOf: WebDeskFixture.today)
    #expect(accesses.map(\.helper.masked) == ["020780-XXXX", "301179-XXXX"])
    #expect(accesses.map(\.until.iso) == ["2029-11-22", "2029-11-22"])
    if case .intact = try fixture.registry.verifyAuditChain() {} else { Issue.record("audit chain broken") }
  }

  @Test("the CPR number never appears in a URL, a redirect, a page title or the log")
  func cprNeverLeaks() async throws {
    let fixture = try WebDeskFixture()
    let seen = LogLines()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      try await browser.signIn("mh", password: "wrong one")
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      try await browser.post("/citizens", [("cpr", "140382-3518"), ("asOf", "2026-01-01")])
      try await browser.post(
        "\(citizen)/access/grant",
        [
          ("helper", "020780-2743"), ("level", "read"), ("until", "2027-11-22"), ("consent", "in-person"),
          ("id1Kind", "passport"), ("id1Expires", "2030-01-31"),
        ])
      try await browser.get("\(citizen)/access")
      try await browser.get("\(citizen)/audit")
      try await browser.post("\(citizen)/exemption/form", [])
      for line in await browser.seen { seen.append(line) }
    }
    let everything = seen.all + fixture.log.all
    #expect(everything.count > 10)
    for number in ["140382-3518", "1403823518", "020780-2743", "0207802743"] {
      #expect(!everything.contains { $0.contains(number) }, "\(number) appears")
    }
  }
}
