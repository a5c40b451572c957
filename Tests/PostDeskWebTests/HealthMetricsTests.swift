import Foundation
import GRDB
import HummingbirdTesting
import Testing

/// What a load balancer and an operator ask of the desk: `GET /health` (ready only while the
/// registry answers) and the metrics on a port of their own.
@Suite("Health and metrics")
struct HealthMetricsTests {
  @Test("/health says ready while the registry answers, 503 while it does not, and ready again without a restart")
  func health() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let ready = try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
      #expect(ready.status == .ok)
      #expect(String(buffer: ready.body) == "ready\n")
      #expect(ready.headers[.cacheControl] == "no-store")
      // The registry's audit table out of reach behind the desk's back, then back.
      let queue = try DatabaseQueue(path: "\(fixture.folder)/registry.sqlite")
      try await queue.write { db in try db.execute(sql: "ALTER TABLE audit RENAME TO audit_away") }
      let down = try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
      #expect(down.status == .serviceUnavailable)
      #expect(String(buffer: down.body) == "alive; the registry does not answer\n")
      try await queue.write { db in try db.execute(sql: "ALTER TABLE audit_away RENAME TO audit") }
      let again = try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
      #expect(again.status == .ok)
    }
  }

  @Test("the metrics count requests by route pattern and status, and the sessions, with no personal data")
  func metrics() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      #expect(try await browser.get(citizen).status == .ok)
      _ = try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
      try await fixture.desk.metricsApplication(host: "127.0.0.1", port: 0).test(.live) { scraper in
        let scraped = try await scraper.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
        #expect(scraped.status == .ok)
        #expect(scraped.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
        let text = String(buffer: scraped.body)
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"postdesk_http_requests_total{method="GET",route="/health",status="200"} 1"#))
        #expect(
          lines.contains(#"postdesk_http_requests_total{method="POST",route="/sign-in",status="303"} 1"#), "\(text)")
        #expect(lines.contains { $0.hasPrefix(#"postdesk_http_requests_total{method="GET",route="/citizens/"#) })
        #expect(lines.contains { $0.hasPrefix(#"postdesk_http_request_duration_seconds_count{route="/health"} 1"#) })
        #expect(lines.contains("postdesk_sessions 1.0"))
        #expect(lines.contains("postdesk_registry_busy_total 0"))
        // The citizen's page is counted by its pattern: no reference, no CPR number.
        #expect(!text.contains("3518") && !text.contains(String(citizen.split(separator: "/").last ?? "x")))
      }
      // Not on the desk's own port.
      let none = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
      #expect(none.status != .ok)
    }
  }
}
