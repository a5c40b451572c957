import DigitalPost
import Foundation
import HummingbirdTesting
import PostDeskTestSupport
import RegistryPostgres
import Testing

/// A desk on PostgreSQL whose database connections are cut in the middle of its work (the
/// server restarted, a network cut): a clear 503 page and one log line, nothing half-written,
/// and the desk serves again when the database answers, with no restart.
@Suite("The desk when PostgreSQL goes away")
struct PostgresFaultTests {
  @Test("the database out of reach: 503 in the page's words and one log line; back, the desk serves again")
  func databaseOutOfReach() async throws {
    let cluster = try await LoopbackSocket.detached { try PostgresCluster.shared() }
    try await cluster.withDatabaseAsync { url in
      // A short wait for a connection: the desk's registry calls block a thread of Swift's
      // small cooperative pool (two here), which every web suite of this process shares.
      let fixture = try WebDeskFixture(postgres: url, connectionWait: 2)
      let database = try #require(try PostgresLocation(url: url)).database
      try await fixture.run { client in
        let browser = Browser(client)
        try await browser.signIn()
        let citizen = try await browser.find("140382-3518")
        #expect(try await browser.get(citizen).status == .ok)
        let entries = try fixture.registry.auditEntryCount()
        // The database refuses new connections and every one it has is ended, as when the server
        // is stopped: the desk's pool cannot get a connection.
        try cluster.psql("ALTER DATABASE \(database) ALLOW_CONNECTIONS false")
        try cluster.psql(
          "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)'")
        let port = try #require(client.port)
        let cookie = try #require(await browser.cookie)
        var answers = [try await LoopbackSocket.exchange(port: port, "GET", citizen, cookie: cookie)]
        // Back: the same desk serves again, no restart (the pool may take a moment to try again).
        try cluster.psql("ALTER DATABASE \(database) ALLOW_CONNECTIONS true")
        for _ in 0..<20 {
          let answer = try await LoopbackSocket.exchange(port: port, "GET", citizen, cookie: cookie)
          answers.append(answer)
          if answer.status == 200 { break }
          try await Task.sleep(for: .milliseconds(500))
        }
        let unavailable = answers.filter { $0.status == 503 }
        #expect(!unavailable.isEmpty, "\(answers.map(\.status))")
        #expect(answers.last?.status == 200, "\(answers.map(\.status))")
        for answer in unavailable {
          #expect(answer.headers["retry-after"] == "10")
          #expect(
            answer.text("unavailable")
              == "Registrets database kan ikke nås lige nu, så intet er ændret; vent 10 sekunder, gå så tilbage og send formularen igen."
          )
        }
        let lines = fixture.log.all.filter { $0.hasPrefix("error registry unavailable") }
        #expect(lines.count == unavailable.count)
        #expect(lines.allSatisfy { $0.contains("cannot be reached") && !$0.contains("1403823518") })
        #expect(try fixture.registry.auditEntryCount() == entries)
        #expect(try fixture.registry.verifyAuditedState() == nil)
      }
    }
  }
}
