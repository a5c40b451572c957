import Foundation
import HummingbirdTesting
import Testing

/// The refusals at the door: no session, a bad CSRF token, a wrong password, an expired
/// session, and repeated failed sign-ins.
@Suite("Web desk refusals")
struct RefusalTests {
  @Test("no session: every page redirects to sign in, and a POST changes nothing")
  func noSession() async throws {
    let fixture = try WebDeskFixture()
    let before = try fixture.dump()
    try await fixture.run { client in
      let browser = Browser(client)
      // Every signed-in route of every area (`SignedInGuard`), the sign-in form's excepted.
      for path in [
        "/citizens", "/letterboxes", "/applications", "/citizens/abc", "/citizens/abc/audit",
        "/citizens/abc/access", "/citizens/abc/exemption", "/documents/00/x.html",
      ] {
        let page = try await browser.get(path)
        #expect(page.status == .seeOther, "\(path)")
        #expect(page.location == "/sign-in", "\(path)")
      }
      let post = try await browser.post("/citizens", [("cpr", "140382-3518")])
      #expect(post.status == .seeOther)
      #expect(post.location == "/sign-in")
      for path in [
        "/sign-out", "/language", "/letterboxes/notices", "/citizens/abc/nemid", "/citizens/abc/access/grant",
        "/citizens/abc/access/revoke", "/citizens/abc/access/give-up", "/citizens/abc/exemption/form",
        "/citizens/abc/exemption/apply", "/citizens/abc/exemption/decide",
        "/citizens/abc/exemption/withdraw-application", "/citizens/abc/exemption/withdraw",
      ] {
        let posted = try await browser.post(path, [("csrf", "x")])
        #expect(posted.status == .seeOther, "\(path)")
        #expect(posted.location == "/sign-in", "\(path)")
      }
    }
    #expect(try fixture.dump() == before)
  }

  @Test("a POST with a missing or wrong CSRF token is refused with 403 and changes nothing")
  func badCSRF() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let before = try fixture.dump()
      let apply = [("criterion", "impairment"), ("id1Kind", "passport"), ("id1Expires", "2030-01-31")]
      for token: String? in [nil, "", String(repeating: "0", count: 64), "not-a-token"] {
        let page = try await browser.post("\(citizen)/exemption/apply", apply, csrf: .some(token))
        #expect(page.status == .forbidden)
        #expect(
          page.text("forbidden")
            == "This form has expired or did not come from this desk, so nothing was changed; go back, reload the page and try again."
        )
      }
      let grant = try await browser.post(
        "\(citizen)/access/grant",
        [("helper", "020780-2743"), ("level", "read"), ("until", "2027-11-22"), ("consent", "in-person")],
        csrf: .some("0"))
      #expect(grant.status == .forbidden)
      let signOut = try await browser.post("/sign-out", [], csrf: .some(nil))
      #expect(signOut.status == .forbidden)
      #expect(try fixture.dump() == before)
      // The session is still signed in: the refusal ended nothing.
      #expect(try await browser.get("/citizens").status == .ok)
    }
  }

  @Test("a wrong password is refused with its message and opens no session")
  func wrongPassword() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      let page = try await browser.signIn("mh", password: "wrong password")
      #expect(page.status == .unauthorized)
      #expect(page.text("sign-in-error") == "Wrong clerk id or password; check both and try again.")
      #expect(page.html.contains("value=\"mh\""))
      #expect(try await browser.get("/citizens").status == .seeOther)
      let unknown = try await browser.signIn("nobody", password: WebDeskFixture.password)
      #expect(unknown.status == .unauthorized)
      #expect(unknown.text("sign-in-error") == "Wrong clerk id or password; check both and try again.")
    }
  }

  @Test("a session idle for 30 minutes has expired; sign out ends a session")
  func expiredSession() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      let signedIn = try await browser.signIn()
      #expect(signedIn.status == .seeOther)
      #expect(signedIn.location == "/citizens")
      #expect(signedIn.setCookie?.contains("HttpOnly") == true)
      #expect(signedIn.setCookie?.contains("SameSite=Strict") == true)
      fixture.advance(29 * 60)
      #expect(try await browser.get("/citizens").status == .ok)
      fixture.advance(29 * 60)
      #expect(try await browser.get("/citizens").status == .ok)
      fixture.advance(30 * 60)
      let expired = try await browser.get("/citizens")
      #expect(expired.status == .seeOther)
      #expect(expired.location == "/sign-in")

      try await browser.signIn()
      try await browser.get("/citizens")
      let out = try await browser.post("/sign-out", [])
      #expect(out.location == "/sign-in")
      #expect(try await browser.get("/citizens").status == .seeOther)
    }
  }

  @Test("repeated failed sign-ins on one account are slowed down, even with the right password")
  func throttlePerAccount() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      for _ in 0..<3 { #expect(try await browser.signIn("mh", password: "guess").status == .unauthorized) }
      let slowed = try await browser.signIn("mh")
      #expect(slowed.status == .tooManyRequests)
      #expect(slowed.text("sign-in-error") == "Too many failed sign-ins; wait 2 seconds and try again.")
      fixture.advance(2)
      #expect(try await browser.signIn("mh", password: "guess").status == .unauthorized)
      #expect(
        try await browser.signIn("mh").text("sign-in-error")
          == "Too many failed sign-ins; wait 4 seconds and try again.")
      fixture.advance(4)
      let signedIn = try await browser.signIn("mh")
      #expect(signedIn.status == .seeOther)
    }
  }

  // Failed sign-ins from one address across accounts: `SignInThrottleTests.perAddress`.
}
