import DigitalPost
import Foundation
import HummingbirdTesting
import Testing

/// The work queue: applications awaiting a decision, on `/applications` (the clerk's
/// municipality's), in the header's count and on the citizen's exemption page.
@Suite("Work queue")
struct WorkQueueTests {
  static let mette = "140382-3518"  // municipality 751, as the clerks
  static let poul = "120940-1653"  // municipality 101: decided in Copenhagen

  static let passport = [("criterion", "impairment"), ("id1Kind", "passport"), ("id1Expires", "2030-01-31")]

  @Test("the queue lists what the clerk's municipality decides; deciding from it removes the row")
  func queue() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let empty = try await browser.get("/applications")
      #expect(empty.status == .ok)
      #expect(empty.text("applications-none") == "No application awaits a decision.")
      #expect(!empty.has("pending-applications"))
      #expect(empty.text("nav-applications-count") == "0")

      let poul = try await browser.find(Self.poul)
      #expect(try await browser.post("\(poul)/exemption/apply", Self.passport).status == .ok)
      let mette = try await browser.find(Self.mette)
      let applied = try await browser.post("\(mette)/exemption/apply", Self.passport)
      #expect(applied.text("application-id") == "2")

      let queue = try await browser.get("/applications")
      #expect(queue.text("nav-applications-count") == "1")
      #expect(queue.cells("application-id") == ["2"])
      #expect(queue.cells("application-received") == ["22 November 2026"])
      #expect(queue.cells("application-citizen") == ["140382-XXXX"])
      #expect(queue.cells("application-name") == ["Mette Jensen"])
      #expect(queue.cells("application-criteria") == ["impairment"])
      #expect(queue.cells("application-centre") == ["751"])
      #expect(queue.cells("application-deciding") == ["751"])
      #expect(!queue.html.contains("140382-3518") && !queue.html.contains("1403823518"))
      let href = try #require(queue.attribute("href", of: "decide-2"))
      #expect(href == "\(mette)/exemption?application=2#decide-form")

      let form = try await browser.get(String(href.prefix { $0 != "#" }))
      #expect(form.attribute("value", of: "decide-application") == "2")
      #expect(form.cells("application-id") == ["2"])
      #expect(form.text("citizen-decided-none") == "No application has been decided.")

      let decided = try await browser.post("\(mette)/exemption/decide", [("application", "2"), ("verdict", "grant")])
      #expect(decided.status == .ok)
      let after = try await browser.get("/applications")
      #expect(after.text("applications-none") == "No application awaits a decision.")
      #expect(after.text("nav-applications-count") == "0")
      let page = try await browser.get("\(mette)/exemption")
      #expect(page.text("citizen-pending-none") == "No application awaits a decision.")
      #expect(page.cells("application-verdict") == ["granted"])
      #expect(page.cells("application-decided-on") == ["22 November 2026"])
      #expect(page.cells("application-decided-by") == ["mh @ 751"])
    }
  }

  @Test("a second decision on an application is told who decided it, and when")
  func decidedByAnother() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let first = Browser(client)
      try await first.signIn("mh")
      let second = Browser(client)
      try await second.signIn("ast")
      let mette = try await first.find(Self.mette)
      #expect(try await first.post("\(mette)/exemption/apply", Self.passport).status == .ok)
      let other = try await second.find(Self.mette)
      let form = try await second.get("\(other)/exemption?application=1")
      #expect(form.status == .ok)
      #expect(
        try await first.post("\(mette)/exemption/decide", [("application", "1"), ("verdict", "grant")]).status == .ok)
      let refused = try await second.post(
        "\(other)/exemption/decide", [("application", "1"), ("verdict", "refuse"), ("reason", "No.")])
      #expect(refused.status == .unprocessableContent)
      #expect(
        refused.text("decide-application-error")
          == "Application 1 was already granted by mh at centre 751 on 22 November 2026; a decision is final — record a new application if the citizen applies again."
      )
    }
  }
}

extension Page {
  /// The texts of the elements of class `name`, in page order, tags stripped.
  func cells(_ name: String) -> [String] {
    let pattern = "<([a-z]+)[^>]*class=\"\(name)\"[^>]*>(.*?)</\\1>"
    guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else {
      return []
    }
    return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
      Range(match.range(at: 2), in: html).map {
        String(html[$0]).replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
          .split(whereSeparator: \.isWhitespace).joined(separator: " ")
      }
    }
  }

  /// The value of attribute `name` of the element with `id`.
  func attribute(_ name: String, of id: String) -> String? {
    let pattern = "<[a-z]+[^>]*id=\"\(id)\"[^>]*>"
    guard let regex = try? NSRegularExpression(pattern: pattern),
      let match = regex.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)),
      let range = Range(match.range, in: html)
    else { return nil }
    let tag = String(html[range])
    guard let attribute = tag.range(of: " \(name)=\"") else { return nil }
    return String(tag[attribute.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
  }
}
