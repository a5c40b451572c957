import DigitalPost
import Foundation
import GRDB
import HummingbirdTesting
import Testing

/// What the desk answers when the registry is contended, busy or broken: a refusal that says
/// so, never a blank 500, and a log line with the cause.
@Suite("Registry failures")
struct FailureTests {
  static let mette = "140382-3518"

  /// The raw requests send no `Accept-Language`, so the desk answers in Danish.
  @Test("twenty decisions on one application at once: one is recorded, nineteen are told who decided it")
  func concurrentDecisions() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find(Self.mette)
      let applied = try await browser.post(
        "\(citizen)/exemption/apply",
        [("criterion", "impairment"), ("id1Kind", "passport"), ("id1Expires", "2030-01-31")])
      let id = try #require(applied.text("application-id"))
      let port = try #require(client.port)
      let cookie = try #require(await browser.cookie)
      let csrf = try #require(await browser.csrf)
      let answers = try await withThrowingTaskGroup(of: LoopbackSocket.Answer.self) { group in
        for _ in 0..<20 {
          group.addTask {
            try await LoopbackSocket.exchange(
              port: port, "POST", "\(citizen)/exemption/decide", cookie: cookie,
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
            == "Ansøgning \(id) blev allerede imødekommet af mh i borgerservice 751 den 22. november 2026; en afgørelse er endelig – registrér en ny ansøgning, hvis borgeren søger igen.",
          "form error: \(answer.text("decide-error") ?? "none")")
      }
    }
    let decisions = try fixture.registry.auditEntries(about: CPRNumber(parsing: Self.mette)).filter {
      $0.action == "application.decide"
    }
    #expect(decisions.count == 1)
  }

  @Test("a registry held by another writer answers 503 with Retry-After, and nothing is changed")
  func busyRegistry() async throws {
    let fixture = try WebDeskFixture(busyTimeout: 0.3)
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find(Self.mette)
      let before = try fixture.dump()
      // Another process's long import: it holds the write lock until the desk has answered
      // (at most a minute).
      let holding = DispatchSemaphore(value: 0)
      let answered = DispatchSemaphore(value: 0)
      let importer = try DatabaseQueue(path: "\(fixture.folder)/registry.sqlite")
      // On a thread of its own: it blocks while it holds the lock.
      let released = Task {
        try await LoopbackSocket.detached {
          try importer.inTransaction(.immediate) { _ in
            holding.signal()
            _ = answered.wait(timeout: .now() + 60)
            return .rollback
          }
        }
      }
      try await LoopbackSocket.detached { holding.wait() }
      let port = try #require(client.port)
      let cookie = try #require(await browser.cookie)
      let csrf = try #require(await browser.csrf)
      let busy = try await LoopbackSocket.exchange(
        port: port, "POST", "\(citizen)/exemption/apply", cookie: cookie,
        form: "criterion=impairment&id1Kind=passport&id1Expires=2030-01-31&csrf=\(csrf)")
      answered.signal()
      #expect(busy.status == 503)
      #expect(busy.headers["retry-after"] == "10")
      #expect(
        busy.text("unavailable")
          == "Registret er optaget af en anden opgave, fx en indlæsning, så intet er ændret; vent 10 sekunder, gå så tilbage og send formularen igen."
      )
      try await released.value
      #expect(try fixture.dump() == before)
      let applied = try await browser.post(
        "\(citizen)/exemption/apply",
        [("criterion", "impairment"), ("id1Kind", "passport"), ("id1Expires", "2030-01-31")])
      #expect(applied.status == .ok)
    }
    #expect(fixture.log.all.contains { $0.hasPrefix("warning registry busy") && $0.contains("route=POST /citizens/") })
    #expect(fixture.desk.metrics.text().contains("\npostdesk_registry_busy_total 1\n"))
  }

  @Test("an unexpected error answers 500 with an incident number, and the log has it with its cause")
  func unexpectedError() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find(Self.mette)
      // A registry file damaged behind the desk's back.
      let queue = try DatabaseQueue(path: "\(fixture.folder)/registry.sqlite")
      try await queue.write { db in try db.execute(sql: "ALTER TABLE exemption RENAME TO exemption_gone") }
      let page = try await browser.get(citizen)
      #expect(page.status == .internalServerError)
      let incident = try #require(page.text("incident"))
      #expect(incident.count == 8)
      #expect(
        page.text("failure")
          == "The desk failed to answer, so look on the citizen's page whether the job was done before trying it again; if it happens again, give whoever runs the desk the incident number under which its log has the cause: \(incident)"
      )
      let line = try #require(fixture.log.all.first { $0.contains("incident=\(incident)") })
      #expect(line.hasPrefix("error request failed"))
      #expect(line.contains("no such table: exemption"))
      #expect(line.contains("route=GET /citizens/{ref}") || line.contains("route=GET /citizens/:ref"))
      #expect(!line.contains("140382-3518") && !line.contains("1403823518"))
    }
  }
}
