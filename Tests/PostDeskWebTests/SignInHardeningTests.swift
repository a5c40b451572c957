import DigitalPost
import Foundation
import HummingbirdTesting
import PostDesk
import Testing

@testable import PostDeskWeb

/// The sign-in door under attack: many guesses at once, a flood of sign-in forms, and a
/// clerk field that tries to write the log.
@Suite("Sign-in hardening")
struct SignInHardeningTests {
  @Test("ten guesses sent at once: three are checked, seven wait for the pause")
  func concurrentGuesses() async throws {
    let fixture = try WebDeskFixture()
    // A real work factor: each check takes long enough for the guesses to overlap.
    try ClerkAccounts.add(
      id: "kb", centre: MunicipalityCode(751)!, admin: false, password: WebDeskFixture.password,
      registry: fixture.registry, actor: .init(clerk: "system", centre: "000", at: Date()), cost: 10)
    try await fixture.run { client in
      let port = try #require(client.port)
      let form = try await LoopbackSocket.exchange(port: port, "GET", "/sign-in")
      let cookie = try #require(form.cookie)
      let csrf = try #require(form.csrf)
      let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
        for n in 0..<10 {
          group.addTask {
            try await LoopbackSocket.exchange(
              port: port, "POST", "/sign-in", cookie: cookie, form: "clerk=kb&password=guess\(n)&csrf=\(csrf)"
            ).status
          }
        }
        return try await group.reduce(into: [Int]()) { $0.append($1) }
      }
      #expect(statuses.filter { $0 == 401 }.count == 3, "\(statuses.sorted())")
      #expect(statuses.filter { $0 == 429 }.count == 7, "\(statuses.sorted())")
    }
  }

  @Test("a right password after two wrong ones does not add to the address's count")
  func successTakesBackItsAttempt() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      for clerk in ["x1", "x2"] {
        #expect(try await browser.signIn(clerk, password: "guess").status == .unauthorized)
      }
      #expect(try await browser.signIn("mh").status == .seeOther)
      try await browser.post("/sign-out", [])
      #expect(try await browser.signIn("ast").status == .seeOther)
    }
  }

  @Test("showing the sign-in form keeps nothing on the server, and its token works once signed")
  func statelessSignInForm() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      for _ in 0..<2_000 {
        let page = try await client.executeRequest(uri: "/sign-in", method: .get, headers: [:], body: nil)
        #expect(page.status == .ok)
      }
      #expect(try fixture.desk.sessions.count(now: fixture.clock.now) == 0)
      let browser = Browser(client)
      #expect(try await browser.signIn().status == .seeOther)
      #expect(try fixture.desk.sessions.count(now: fixture.clock.now) == 1)
    }
  }

  @Test("a sign-in form whose token was altered, or that was left open too long, is refused with 403")
  func forgedOrStaleSignInForm() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let port = try #require(client.port)
      let form = try await LoopbackSocket.exchange(port: port, "GET", "/sign-in")
      let cookie = try #require(form.cookie)
      let csrf = try #require(form.csrf)
      let fields = "clerk=mh&password=\(WebDeskFixture.password.replacingOccurrences(of: " ", with: "+"))"
      let forgedExpiry = cookie.replacingOccurrences(of: "sign-in-1", with: "sign-in-9")
      let stolenToken = String(csrf.reversed())
      for (cookie, token) in [(forgedExpiry, csrf), (cookie, stolenToken), ("sign-in-", csrf)] {
        let refused = try await LoopbackSocket.exchange(
          port: port, "POST", "/sign-in", cookie: cookie, form: "\(fields)&csrf=\(token)")
        #expect(refused.status == 403)
        // A raw request without Accept-Language: the desk's default, Danish.
        #expect(
          refused.text("forbidden")
            == "Formularen er udløbet eller kom ikke fra dette system, så intet er ændret; gå tilbage, genindlæs siden og prøv igen."
        )
      }
      fixture.advance(31 * 60)
      let stale = try await LoopbackSocket.exchange(
        port: port, "POST", "/sign-in", cookie: cookie, form: "\(fields)&csrf=\(csrf)")
      #expect(stale.status == 403)
      let fresh = try await LoopbackSocket.exchange(port: port, "GET", "/sign-in")
      let signedIn = try await LoopbackSocket.exchange(
        port: port, "POST", "/sign-in", cookie: fresh.cookie, form: "\(fields)&csrf=\(fresh.csrf ?? "")")
      #expect(signedIn.status == 303)
    }
  }

  @Test("what is typed as a clerk id reaches the log only when it names a clerk, and never with a line break")
  func logInjection() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      let forged = "nobody\ninfo signed in [\"centre=751\", \"clerk=ast\"]"
      for typed in [forged, "140382-3518", "1403823518", "mh"] {
        let status = try await browser.signIn(typed, password: "guess").status
        #expect(status == .unauthorized)
        fixture.advance(600)
      }
    }
    let lines = fixture.log.all
    #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") })
    #expect(lines.allSatisfy { !$0.contains("140382-3518") && !$0.contains("1403823518") })
    #expect(!lines.contains { $0.contains("signed in") && !$0.contains("refused") })
    let refusals = lines.filter { $0.contains("sign-in refused") }
    #expect(refusals.count == 4)
    #expect(refusals.filter { $0.contains("clerk=(unknown)") }.count == 3)
    #expect(refusals.filter { $0.contains("clerk=mh") }.count == 1)
  }

  @Test("control characters in logged values are escaped")
  func escaping() {
    #expect(LogField.escaped("a\nb\r\u{1B}[31m\\") == "a\\u{a}b\\u{d}\\u{1b}[31m\\\\")
    #expect(LogField.escaped("Søren Ærø") == "Søren Ærø")
    #expect(
      LogField.maskingCPR("no citizen 1403823518 or 140382-3518 (12345678901)")
        == "no citizen 140382-XXXX or 140382-XXXX (12345678901)")
  }
}
