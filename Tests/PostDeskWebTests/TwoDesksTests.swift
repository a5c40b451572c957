import DigitalPost
import Foundation
import GRDB
import HummingbirdTesting
import PostDesk
import Registry
import Testing

@testable import PostDeskWeb

/// Two desks behind a load balancer that share nothing but the registry file (issue 21): a
/// clerk signs in on one and goes on on the other, a sign-out on one is refused by the other at
/// once, the throttle counts failures on both, and a sign-in form shown by one is taken by the
/// other. Each desk has its own `Registry` (its own connections, as another process has).
@Suite("Two desks on one registry")
struct TwoDesksTests {
  static let mette = "140382-3518"

  /// Twenty decisions on one application posted to two desks at once: one is recorded, the
  /// others are told who decided it (as within one desk, `FailureTests`).
  @Test(
    "twenty decisions posted to two desks at once: one wins, nineteen are told who decided",
    arguments: DeskEngine.allCases)
  func decisionsOnTwoDesksAtOnce(_ engine: DeskEngine) async throws {
    try await engine.withFixture { fixture in
      try await fixture.runTwoDesks { a, b in
        let onA = Browser(a)
        try await onA.signIn()
        let citizen = try await onA.find(Self.mette)
        let applied = try await onA.post(
          "\(citizen)/exemption/apply",
          [("criterion", "impairment"), ("id1Kind", "passport"), ("id1Expires", "2030-01-31")])
        let id = try #require(applied.text("application-id"))
        let ports = [try #require(a.port), try #require(b.port)]
        let cookie = try #require(await onA.cookie)
        let csrf = try #require(await onA.csrf)
        let answers = try await withThrowingTaskGroup(of: LoopbackSocket.Answer.self) { group in
          for i in 0..<20 {
            group.addTask {
              try await LoopbackSocket.exchange(
                port: ports[i % 2], "POST", "\(citizen)/exemption/decide", cookie: cookie,
                form: "application=\(id)&verdict=grant&csrf=\(csrf)")
            }
          }
          return try await group.reduce(into: [LoopbackSocket.Answer]()) { $0.append($1) }
        }
        #expect(answers.filter { $0.status == 200 }.count == 1, "\(answers.map(\.status).sorted())")
        let refused = answers.filter { $0.status == 422 }
        #expect(refused.count == 19, "\(answers.map(\.status).sorted())")
        for answer in refused {
          #expect(
            answer.text("decide-application-error")
              == "Ansøgning \(id) blev allerede imødekommet af mh i borgerservice 751 den 22. november 2026; en afgørelse er endelig – registrér en ny ansøgning, hvis borgeren søger igen."
          )
        }
      }
      let decisions = try fixture.registry.auditEntries(about: CPRNumber(parsing: Self.mette)).filter {
        $0.action == "application.decide"
      }
      #expect(decisions.count == 1)
      #expect(try fixture.registry.verifyAuditedState() == nil)
    }
  }

  @Test(
    "signed in on desk A, the clerk goes on on desk B: the citizen found on A, the form posted on B",
    arguments: DeskEngine.allCases)
  func signInOnOneGoOnOnTheOther(_ engine: DeskEngine) async throws {
    try await engine.withFixture { fixture in
      try await fixture.runTwoDesks { a, b in
        let onA = Browser(a)
        #expect(try await onA.signIn().status == .seeOther)
        let citizen = try await onA.find("140382-3518")

        let onB = await onA.following(to: b)
        let page = try await onB.get(citizen)
        #expect(page.status == .ok)
        #expect(page.text("citizen-name") == "Mette Jensen")
        // The page's CSRF token on B is the one A gave: made from the session's token.
        #expect(await onB.csrf == (await onA.csrf))
        // A form posted on B with it: the language switch, kept by the registry for both.
        let switched = try await onB.post("/language", [("lang", "da"), ("back", citizen)])
        #expect(switched.status == .seeOther)
        #expect(try await onA.get(citizen).title?.hasPrefix("PostDesk – ") == true)
        #expect(try await onA.get("/citizens").html.contains("lang=\"da\""))
        // A reference B made for a citizen is read by A.
        let found = try await onB.find("140382-3518")
        #expect(found == citizen)
        #expect(try await onA.get(found).text("citizen-name") == "Mette Jensen")
        // Another session's reference names nobody: 404.
        let stranger = Browser(a)
        try await stranger.signIn("ast")
        #expect(try await stranger.get(citizen).status == .notFound)
      }
    }
  }

  @Test("signed out on desk B, the session is refused by desk A at its next request", arguments: DeskEngine.allCases)
  func signOutOnOneRefusedByTheOther(_ engine: DeskEngine) async throws {
    try await engine.withFixture { fixture in
      try await fixture.runTwoDesks { a, b in
        let onA = Browser(a)
        try await onA.signIn()
        #expect(try await onA.get("/citizens").status == .ok)
        let onB = await onA.following(to: b)
        let out = try await onB.post("/sign-out", [])
        #expect(out.status == .seeOther)
        #expect(out.location == "/sign-in")
        let refused = try await onA.get("/citizens")
        #expect(refused.status == .seeOther)
        #expect(refused.location == "/sign-in")
        #expect(try fixture.desk.sessions.count(now: fixture.clock.now) == 0)
      }
    }
  }

  @Test(
    "a request on either desk keeps the session alive for both; idle 30 minutes, both refuse it",
    arguments: DeskEngine.allCases)
  func idleAcrossDesks(_ engine: DeskEngine) async throws {
    try await engine.withFixture { fixture in
      try await fixture.runTwoDesks { a, b in
        let onA = Browser(a)
        try await onA.signIn()
        let onB = await onA.following(to: b)
        fixture.advance(29 * 60)
        #expect(try await onB.get("/citizens").status == .ok)
        fixture.advance(29 * 60)
        #expect(try await onA.get("/citizens").status == .ok)
        fixture.advance(30 * 60)
        #expect(try await onB.get("/citizens").location == "/sign-in")
        #expect(try await onA.get("/citizens").location == "/sign-in")
      }
    }
  }

  @Test(
    "three wrong passwords on desk A: desk B throttles the right one, with the same words in both languages",
    arguments: DeskEngine.allCases)
  func throttleAcrossDesks(_ engine: DeskEngine) async throws {
    try await engine.withFixture { fixture in
      try await fixture.runTwoDesks { a, b in
        let guesser = Browser(a)
        for _ in 0..<SignInThrottle.accountFreeFailures {
          let wrong = try await guesser.signIn("mh", password: "guess")
          #expect(wrong.status == .unauthorized)
          #expect(wrong.text("sign-in-error") == "Wrong clerk id or password; check both and try again.")
        }
        let slowed = try await Browser(b).signIn("mh")
        #expect(slowed.status == .tooManyRequests)
        #expect(slowed.text("sign-in-error") == "Too many failed sign-ins; wait 2 seconds and try again.")
        let danish = try await Browser(b, language: "da").signIn("mh")
        #expect(danish.status == .tooManyRequests)
        #expect(
          danish.text("sign-in-error") == "For mange mislykkede loginforsøg; vent 2 sekunder og prøv igen.")
        fixture.advance(2)
        // A fourth failure, on B: A's pause doubles.
        #expect(try await Browser(b).signIn("mh", password: "guess").status == .unauthorized)
        #expect(
          try await Browser(a).signIn("mh").text("sign-in-error")
            == "Too many failed sign-ins; wait 4 seconds and try again.")
        fixture.advance(4)
        #expect(try await Browser(a).signIn("mh").status == .seeOther)
      }
    }
  }

  @Test("a sign-in form shown by desk A is taken by desk B", arguments: DeskEngine.allCases)
  func signInFormAcrossDesks(_ engine: DeskEngine) async throws {
    try await engine.withFixture { fixture in
      try await fixture.runTwoDesks { a, b in
        let onA = Browser(a)
        try await onA.get("/sign-in")
        let onB = await onA.following(to: b)
        let signedIn = try await onB.post("/sign-in", [("clerk", "mh"), ("password", WebDeskFixture.password)])
        #expect(signedIn.status == .seeOther)
        #expect(signedIn.location == "/citizens")
      }
    }
  }

  @Test(
    "the sessions out of reach: a signed-in page answers the failure page, not the sign-in form; back, the clerk goes on"
  )
  func sessionsOutOfReach() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let queue = try DatabaseQueue(path: "\(fixture.folder)/registry.sqlite")
      try await queue.write { db in try db.execute(sql: "ALTER TABLE desk_session RENAME TO desk_session_away") }
      let page = try await browser.get("/citizens")
      #expect(page.status == .internalServerError)
      let incident = try #require(page.text("incident"))
      #expect(
        page.text("failure")
          == "The desk failed to answer, so look on the citizen's page whether the job was done before trying it "
          + "again; if it happens again, give whoever runs the desk the incident number under which its log has the "
          + "cause: \(incident)")
      #expect(fixture.log.all.contains { $0.contains("incident=\(incident)") && $0.contains("desk_session") })
      try await queue.write { db in try db.execute(sql: "ALTER TABLE desk_session_away RENAME TO desk_session") }
      #expect(try await browser.get("/citizens").status == .ok)
    }
  }
}
