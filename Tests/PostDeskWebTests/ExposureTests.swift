import Foundation
import HummingbirdTesting
import Testing

/// What the desk hands out: the letters (with the pages' protections, never through a link)
/// and the letterboxes list (a bounded window, a page at a time).
@Suite("Letters and lists")
struct ExposureTests {
  @Test("a letter carries the security headers, and only a letter the registry keeps is served")
  func letters() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let printed = try await browser.post("\(citizen)/exemption/form", [("language", "")])
      let href = try #require(
        printed.html.range(of: "/documents/[0-9a-f]{32}/exemption-form.html", options: .regularExpression))
      let cookie = try #require(await browser.cookie)
      func get(_ path: String) async throws -> TestResponse {
        try await client.executeRequest(
          uri: path, method: .get, headers: [.cookie: "postdesk_session=\(cookie)"], body: nil)
      }
      let letter = try await get(String(printed.html[href]))
      #expect(letter.status == .ok)
      #expect(letter.headers[.init("X-Frame-Options")!] == "DENY")
      #expect(letter.headers[.init("X-Content-Type-Options")!] == "nosniff")
      #expect(letter.headers[.init("Content-Security-Policy")!]?.hasPrefix("default-src 'none'; ") == true)
      #expect(letter.headers[.cacheControl] == "no-store")

      // Only what the registry keeps for an action, under a name the desk makes: nothing of the
      // disk, whatever the name.
      let id = String(printed.html[href].dropFirst("/documents/".count).prefix(32))
      let secret = "\(fixture.folder)/secret.html"
      try Data("not a letter".utf8).write(to: URL(fileURLWithPath: secret))
      for path in [
        "/documents/\(String(repeating: "a", count: 32))/exemption-form.html", "/documents/\(id)/secret.html",
        "/documents/\(id)/..%2Fsecret.html", "/documents/\(id)/EXEMPTION-FORM.html", "/documents/\(id)/.centre",
        "/documents/\(id)/exemption-form.txt", "/documents/\(id)/-exemption-form.html",
      ] {
        let refused = try await get(path)
        #expect(refused.status == .notFound, "\(path)")
        #expect(!String(buffer: refused.body).contains("not a letter"), "\(path)")
      }
    }
  }

  @Test("the letterboxes list refuses a window over 92 days, and shows a long list a page at a time")
  func letterboxWindow() async throws {
    let fixture = try WebDeskFixture { $0.letterboxPageSize = 1 }
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let century = try await browser.get("/letterboxes?from=1900-01-01&to=2100-01-01")
      #expect(century.status == .unprocessableContent)
      #expect(
        century.text("due-to-error")
          == "The page lists at most 92 days at a time; choose a last day no later than 3 April 1900.")
      #expect(!century.html.contains("class=\"child\""))
      let quarter = try await browser.get("/letterboxes?from=2026-11-22&to=2027-02-22")
      #expect(quarter.status == .ok)

      // One row a page: walk the pages by their links and meet every child once.
      var path = "/letterboxes?from=2026-11-22&to=2026-12-22"
      var names: [String] = []
      var pages = 0
      while true {
        let page = try await browser.get(path)
        pages += 1
        #expect(page.text("due-page") == String(pages))
        #expect(page.has("due-previous") == (pages > 1))
        let dueTable = page.html.components(separatedBy: "id=\"notices-due\"")[0]
        names += dueTable.components(separatedBy: "class=\"child-name\">").dropFirst().map {
          String($0.prefix { $0 != "<" })
        }
        guard
          let next = page.html.range(
            of: "(?<=id=\"due-next\" href=\")[^\"]+", options: .regularExpression)
        else { break }
        path = String(page.html[next]).replacingOccurrences(of: "&amp;", with: "&")
        #expect(path == "/letterboxes?from=2026-11-22&to=2026-12-22&page=\(pages + 1)")
        if pages > 20 { break }
      }
      #expect(pages >= 3)
      #expect(names.contains("Emma Jensen"))
      #expect(Set(names).count == names.count)
    }
  }
}
