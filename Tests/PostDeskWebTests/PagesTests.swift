import Foundation
import HummingbirdTesting
import Testing

/// The pages a clerk moves through, with the stable ids docs/web.md promises.
@Suite("Web desk pages")
struct PagesTests {
  @Test("the exemption and access pages carry their forms; an application number pre-fills the decision")
  func forms() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let exemption = try await browser.get("\(citizen)/exemption?application=7")
      #expect(exemption.status == .ok)
      #expect(exemption.title == "PostDesk – Exemption")
      for id in [
        "print-form-form", "print-language", "print-form", "apply-form", "apply-criterion-impairment",
        "apply-criterion-nemid", "apply-id1-kind", "apply-id1-expires", "apply-id2-kind", "apply-on-behalf",
        "apply-authority", "apply-paper-copies", "apply", "decide-form", "decide-application", "decide-grant",
        "decide-refuse", "decide-reason", "decide", "withdraw-form", "withdraw", "citizen-facts", "go-audit",
      ] {
        #expect(exemption.has(id), "\(id)")
      }
      #expect(
        exemption.html.contains(
          "id=\"decide-application\" name=\"application\" type=\"text\" inputmode=\"numeric\" value=\"7\""))
      let access = try await browser.get("\(citizen)/access")
      for id in [
        "grant-form", "grant-helper", "grant-level", "grant-until", "grant-consent", "grant-id1-kind",
        "grant-id1-expires", "grant-lift-exemption", "grant", "accesses-given", "accesses-held",
      ] {
        #expect(access.has(id), "\(id)")
      }
      let withdraw = try await browser.post("\(citizen)/exemption/withdraw", [])
      #expect(withdraw.status == .unprocessableContent)
      #expect(
        withdraw.text("withdraw-error")
          == "140382-XXXX is not exempt from Digital Post today, so there is nothing to withdraw.")
      let refuse = try await browser.post("\(citizen)/exemption/decide", [("application", "1"), ("verdict", "refuse")])
      #expect(refuse.status == .unprocessableContent)
      #expect(
        refuse.text("decide-reason-error") == "Write the reason for the refusal, as the letter should state it.")
      let unknown = try await browser.post(
        "\(citizen)/exemption/decide", [("application", "99"), ("verdict", "grant")])
      #expect(
        unknown.text("decide-application-error") == "No exemption application 99 in the registry; check its number.")
      #expect(try await browser.get("/citizens/0123456789abcdef").has("not-found"))
      #expect(try await browser.get("/static/desk.css").html.contains(".desk-header"))
    }
  }

  @Test("letterboxes due, and the notices of a day with a link to each letter")
  func letterboxes() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let due = try await browser.get("/letterboxes?from=2026-11-22&to=2026-12-22")
      #expect(due.text("letterboxes-due")?.contains("031211-XXXX Emma Jensen 3 December 2026 12 November 2026") == true)
      let bad = try await browser.get("/letterboxes?from=2026-13-01&to=2026-12-22")
      #expect(bad.status == .unprocessableContent)
      #expect(bad.text("due-from-error") == "2026-13-01 is not a date; write it as YYYY-MM-DD.")
      let sent = try await browser.post("/letterboxes/notices", [("date", "2026-11-12")])
      #expect(sent.status == .ok)
      #expect(sent.text("result-message") == "Notices due on 12 November 2026: 2 written.")
      #expect(sent.has("letter-letterbox-notice-01"))
      #expect(sent.has("letter-letterbox-notice-02"))
      #expect(!sent.has("back-to-citizen"))
      // Each letter's PDF beside its HTML: printed by headless Chromium when first asked for,
      // then kept, so that asking again gives the same bytes.
      let link = try #require(
        sent.html.range(of: #"/documents/[0-9a-f]{32}/letterbox-notice-01\.pdf"#, options: .regularExpression))
      let pdf = try await browser.get(String(sent.html[link]))
      #expect(pdf.status == .ok)
      #expect(pdf.html.hasPrefix("%PDF-"))
      #expect(try await browser.get(String(sent.html[link])).html == pdf.html)
      let none = try await browser.get(String(sent.html[link]).replacingOccurrences(of: "-01.pdf", with: "-09.pdf"))
      #expect(none.status == .notFound)
    }
  }
}
