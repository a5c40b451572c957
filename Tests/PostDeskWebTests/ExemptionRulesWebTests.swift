import DigitalPost
import Foundation
import PostDesk
import Registry
import Testing

/// Exemption refusals on the web desk as domain.md §4 and §5 have them, each shown by its
/// field in the rules' words, with nothing written.
@Suite("web desk: exemption rules")
struct ExemptionRulesWebTests {
  static let bringID =
    "bring one valid photo ID, or two documents without photo of which one shows the CPR number and at least one "
    + "is a health insurance card, a certificate of residential address, or a birth or name certificate."
  static let passport = [("id1Kind", "passport"), ("id1Expires", "2030-01-31")]

  /// (fields of the application for 140382-3518, element id, its text)
  static let refusals: [([(String, String)], String, String)] = [
    (
      [("onBehalf", "080337-3353"), ("authority", "power-of-attorney")] + passport, "apply-on-behalf-error",
      "Representative 080337-XXXX died on 2 October 2025; only a living person can apply on the citizen's behalf."
    ),
    (
      [("onBehalf", "221111-5400"), ("authority", "power-of-attorney")] + passport, "apply-on-behalf-error",
      "Representative 221111-XXXX is 15 on 22 November 2026; a representative must be 18 or older (of age on 22 November 2029)"
    ),
    (
      [("id1Kind", "health-card"), ("id2Kind", "residence-certificate")], "apply-id-error",
      "Identity of applicant 140382-XXXX not verified: the health insurance card and the certificate of residential "
        + "address are one kind of document (one entry of the list), not two; " + bringID
    ),
    (
      [("id1Kind", "passport")], "apply-id-error",
      "Identity of applicant 140382-XXXX not verified: the passport was given without its expiry date "
        + "(passport:YYYY-MM-DD), and no valid document remains; " + bringID
    ),
  ]

  @Test func applicationsTheRulesRefuse() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let before = try fixture.dump()
      for (fields, id, text) in Self.refusals {
        let page = try await browser.post("\(citizen)/exemption/apply", fields)
        #expect(page.status == .unprocessableContent, "\(id)")
        #expect(page.text(id) == text)
      }
      #expect(try fixture.dump() == before)
      // §4: one undecided application at a time.
      #expect(try await browser.post("\(citizen)/exemption/apply", Self.passport).status == .ok)
      let pending = try fixture.dump()
      let second = try await browser.post("\(citizen)/exemption/apply", Self.passport)
      #expect(second.status == .unprocessableContent)
      #expect(
        second.text("apply-error")
          == "Applicant 140382-XXXX already has application 1 of 22 November 2026 awaiting a decision; decide that one first."
      )
      #expect(try fixture.dump() == pending)
    }
  }

  /// Act §5(1): a request from someone registered as living abroad is always granted.
  @Test func anEmigrantsRequestCannotBeRefused() async throws {
    let fixture = try WebDeskFixture()
    // Anders Holm was last registered in 101: a clerk there decides (Act §5(2)).
    try ClerkAccounts.add(
      id: "ast", centre: MunicipalityCode(101)!, admin: false, password: WebDeskFixture.password,
      registry: fixture.registry, actor: AuditActor(clerk: "system", centre: "000", at: Date()), cost: 4)
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn("ast")
      let citizen = try await browser.find("101075-0063")
      #expect(try await browser.post("\(citizen)/exemption/apply", [("criterion", "emigrated")]).status == .ok)
      let before = try fixture.dump()
      let refused = try await browser.post(
        "\(citizen)/exemption/decide", [("application", "1"), ("verdict", "refuse"), ("reason", "No.")])
      #expect(refused.status == .unprocessableContent)
      #expect(
        refused.text("decide-error")
          == "Applicant 101075-XXXX is registered as living abroad, and such a request is always granted "
          + "(Digital Post Act §5(1)); grant it instead.")
      #expect(try fixture.dump() == before)
    }
  }
}
