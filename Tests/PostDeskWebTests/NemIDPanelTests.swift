import Testing

/// The citizen page's NemID/MitID panel (domain.md §5, seeds 000 and 001): the same answer
/// as `postdesk nemid check`, nothing written.
@Suite("web desk: NemID/MitID panel")
struct NemIDPanelTests {
  @Test func eligibleOrNotAndWhy() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      #expect(try await browser.get(citizen).has("nemid-form"))
      let before = try fixture.dump()
      let byPost = try await browser.post(
        "\(citizen)/nemid", [("id1Kind", "health-card"), ("id2Kind", "birth-certificate")])
      #expect(byPost.status == .ok)
      #expect(
        byPost.text("nemid-answer")
          == "140382-XXXX can obtain NemID/MitID: a CPR number, 15 or older, and the ID requirements met; the ID has "
          + "no photo, so the code card comes by post to the address in the CPR register.")
      let shortStay = try await browser.post(
        "\(citizen)/nemid", [("id1Kind", "passport"), ("id1Expires", "2030-01-31"), ("shortStay", "on")])
      #expect(
        shortStay.text("nemid-answer")
          == "140382-XXXX cannot obtain NemID/MitID: 140382-XXXX has been in Denmark only a short time; bring a "
          + "witness who testifies with a sworn statement; this supports exemption criterion 5 (nemid)")
      #expect(try fixture.dump() == before)
    }
  }
}
