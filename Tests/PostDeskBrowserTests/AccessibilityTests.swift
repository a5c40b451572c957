import Foundation
import Testing

/// Every page of the web desk, in Danish and in English, checked as an accessibility audit
/// would: axe-core (the engine of the usual WCAG checkers) run in headless Chromium on the
/// page as the clerk sees it, WCAG 2.0 and 2.1, levels A and AA. `make test` fetches axe-core
/// (the copy in PyPI's axe-playwright-python) into `.build/axe/`.
@Suite("Web desk: WCAG 2 A/AA with axe-core", .serialized)
struct AccessibilityTests {
  static let axePath = DeskServer.packageRoot.appendingPathComponent(".build/axe/axe_playwright_python/axe.min.js")

  /// The violations axe-core finds on the page shown, as `rule: element, …`, and the page's language.
  static func audit(_ browser: Browser, axe: String) async throws -> (language: String, violations: [String]) {
    try await browser.execute(axe + "\nreturn true;")
    let answer = try await browser.executeAsync(
      """
      const done = arguments[arguments.length - 1];
      axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
        .then(result => done(JSON.stringify({
          language: document.documentElement.lang,
          violations: result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))
        })))
        .catch(error => done(JSON.stringify({language: '', violations: ['axe-core failed: ' + error]})));
      """)
    let data = Data((answer as? String ?? "{}").utf8)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    return (object["language"] as? String ?? "", object["violations"] as? [String] ?? ["no answer from axe-core"])
  }

  @Test("every page has no violation in either language, and says its language", .timeLimit(.minutes(5)))
  func everyPageInBothLanguages() async throws {
    let axe: String
    do { axe = try String(contentsOf: Self.axePath, encoding: .utf8) } catch {
      Issue.record("axe-core is not at \(Self.axePath.path): run `make test`, which fetches it")
      return
    }
    try await DeskServer.run { server in
      try await Browser.run { browser in
        var audited: [String] = []
        func check(_ page: String, _ language: String) async throws {
          let result = try await Self.audit(browser, axe: axe)
          #expect(result.language == language, "\(page): lang \(result.language)")
          #expect(result.violations.isEmpty, "\(page) (\(language)): \(result.violations.joined(separator: "; "))")
          audited.append("\(page) \(language)")
        }
        try await browser.navigate(to: server.url("/sign-in"))
        try await check("sign-in", "da")
        try await WebDeskBrowserTests.signIn(browser, server)
        for language in ["da", "en"] {
          if language == "en" {
            try await browser.find("#switch-language").click()
            _ = try await browser.waitFor("html[lang=en]")
          }
          try await browser.navigate(to: server.url("/citizens"))
          try await check("find", language)
          let citizen = try await WebDeskBrowserTests.lookUp("050531-3216", browser, server)
          try await check("citizen", language)
          for part in ["exemption", "access", "audit"] {
            try await browser.navigate(to: citizen + "/" + part)
            try await check(part, language)
          }
          for page in ["/letterboxes", "/applications"] {
            try await browser.navigate(to: server.url(page))
            try await check(page, language)
          }
          try await browser.navigate(to: server.url("/letterboxes"))
          try await browser.find("#notices-date").setDate("2026-11-12")
          try await browser.find("#send-notices").click()
          _ = try await browser.waitFor("#result-title")
          try await check("result", language)
          try await browser.navigate(to: server.url("/citizens/not-a-reference"))
          try await check("not-found", language)
        }
        #expect(audited.count == 19, "\(audited)")
        // The audit can fail: an image without a text alternative is found.
        try await browser.execute("document.querySelector('main').appendChild(document.createElement('img'));")
        let spoiled = try await Self.audit(browser, axe: axe)
        #expect(spoiled.violations.contains { $0.hasPrefix("image-alt: ") }, "\(spoiled.violations)")
      }
    }
  }
}
