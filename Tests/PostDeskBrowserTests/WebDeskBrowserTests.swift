import Foundation
import Testing

/// The web desk in headless Chromium: a clerk signs in, looks up citizens, registers an
/// exemption and grants it from the work queue, prints the form, grants and revokes an access;
/// the tests check what the pages show and what the registry holds afterwards. Element ids
/// are those of docs/web.md. Chromium asks for Danish (`--lang=da-DK`), the clerks' language;
/// the access test switches the desk to English.
@Suite("Web desk in a browser", .serialized)
struct WebDeskBrowserTests {
  /// Signs in as `clerk` (the server's clerk of 751 unless named) and lands on the find page.
  static func signIn(
    _ browser: Browser, _ server: DeskServer, clerk: String = DeskServer.clerk, password: String = DeskServer.password
  ) async throws {
    try await browser.navigate(to: server.url("/"))
    try await browser.waitForURL { $0.hasSuffix("/sign-in") }
    try await browser.find("#clerk").type(clerk)
    try await browser.find("#password").type(password)
    try await browser.find("#sign-in").click()
    try await browser.waitForURL { $0.hasSuffix("/citizens") }
  }

  /// Looks a citizen up by CPR number typed into the find form; returns the citizen page's
  /// address, which must not hold the number in any form.
  @discardableResult
  static func lookUp(_ cpr: String, _ browser: Browser, _ server: DeskServer) async throws -> String {
    try await browser.find("#nav-find").click()
    try await browser.waitFor("#find-form").find("#cpr").type(cpr)
    try await browser.find("#find").click()
    let address = try await browser.waitForURL { $0.contains("/citizens/") }
    // The path and query only: the random port of the server is no part of what is checked.
    let components = try #require(URLComponents(string: address))
    let typed = components.path + "?" + (components.query ?? "")
    let digits = cpr.filter(\.isNumber)
    for part in [digits, String(digits.prefix(6)), String(digits.suffix(4))] {
      #expect(!typed.contains(part), "the CPR number is in the address \(address)")
    }
    return address
  }

  /// The text of each element that matches `css`.
  static func texts(_ css: String, _ browser: Browser) async throws -> [String] {
    var texts: [String] = []
    for element in try await browser.findAll(css) { texts.append(try await element.text()) }
    return texts
  }

  /// Where the screenshots go, to be looked at: `.build/browser-screenshots/`.
  static let screenshots = DeskServer.packageRoot.appendingPathComponent(".build/browser-screenshots")

  @Test("sign in, look up a citizen by the CPR number typed in the form; the number is in no address or title")
  func signInAndLookUp() async throws {
    try await DeskServer.run { server in
      try await Browser.run { browser in
        try await browser.navigate(to: server.url("/citizens"))
        try await browser.waitForURL { $0.hasSuffix("/sign-in") }
        #expect(try await browser.title() == "PostDesk – Log ind")
        #expect(try await browser.execute("return document.documentElement.lang;") as? String == "da")

        // A wrong password is refused on the page, and nobody is signed in.
        try await browser.find("#clerk").type(DeskServer.clerk)
        try await browser.find("#password").type("not-the-password")
        try await browser.find("#sign-in").click()
        #expect(
          try await browser.waitFor("#sign-in-error").text()
            == "Forkert sagsbehandler-id eller adgangskode; kontrollér begge og prøv igen.")
        #expect(try await browser.findAll("#signed-in-clerk").isEmpty)

        try await Self.signIn(browser, server)
        #expect(try await browser.find("#signed-in-clerk").text() == "mh @ 751")
        let cookie = try #require(try await browser.cookies()["postdesk_session"])
        #expect(cookie["httpOnly"] as? Bool == true)
        #expect(cookie["sameSite"] as? String == "Strict")

        // An unknown number: the field's error, still on the find page.
        try await browser.find("#cpr").type("010101-0000")
        try await browser.find("#find").click()
        #expect(try await browser.waitFor("#cpr-error").text().isEmpty == false)
        #expect(try await browser.currentURL() == server.url("/citizens"))

        // Typed without the hyphen, as clerks often do.
        try await Self.lookUp("0505313216", browser, server)
        #expect(try await browser.find("#citizen-name").text() == "Karen Møller")
        #expect(try await browser.find("#citizen-cpr").text() == "050531-XXXX")
        #expect(try await browser.find("#citizen-as-of").text() == "22. november 2026")
        #expect(try await browser.find("#citizen-age").text() == "95")
        // In words on the page, with the machine word beside them.
        #expect(try await browser.find("#citizen-status").text() == "bosat")
        #expect(try await browser.find("#citizen-status").attribute("data-value") == "resident")
        #expect(try await browser.find("#citizen-letterbox").text() == "aktiv")
        #expect(try await browser.find("#citizen-letterbox").attribute("data-value") == "active")
        #expect(try await browser.find("#citizen-exemption").text() == "ingen")
        #expect(try await browser.find("#citizen-channel").text() == "digitalt")
        #expect(try await browser.find("#citizen-channel").attribute("data-value") == "digital")
        #expect(try await browser.find("#accesses-given-none").isDisplayed())
        let title = try await browser.title()
        #expect(title.hasPrefix("PostDesk – ") && !title.contains("Karen") && !title.contains("0505"))
        let source = try await browser.source()
        #expect(!source.contains("050531-3216") && !source.contains("0505313216"))

        // Signing out ends the session: the citizen page sends back to the sign-in page.
        let citizenPage = try await browser.currentURL()
        try await browser.find("#sign-out").click()
        try await browser.waitForURL { $0.hasSuffix("/sign-in") }
        try await browser.navigate(to: citizenPage)
        try await browser.waitForURL { $0.hasSuffix("/sign-in") }
      }
      #expect(!server.log.contains("050531-3216") && !server.log.contains("0505313216"), "\(server.log)")
    }
  }

  @Test("print the pre-filled form, register an application and grant it; the registry holds the exemption")
  func exemption() async throws {
    try await DeskServer.run { server in
      let auditBefore = try server.audit().count
      try await Browser.run { browser in
        try await Self.signIn(browser, server)
        try await Self.lookUp("050531-3216", browser, server)
        try await browser.find("#go-exemption").click()
        try await browser.waitFor("#print-form-form")
        #expect(try await browser.find("#citizen-name").text() == "Karen Møller")

        // The pre-filled form FD 001a, in the citizen's language, opened and printed to PDF.
        try await browser.find("#print-form").click()
        #expect(
          try await browser.waitFor("#result-message").text()
            == "Den forudfyldte ansøgningsblanket (da) er klar til udskrivning.")
        let formLink = try await browser.find("#letter-exemption-form")
        let formAddress = try #require(try await formLink.attribute("href"))
        #expect(formAddress.hasPrefix("/documents/") && formAddress.hasSuffix("/exemption-form.html"))
        // The result page answers a POST and is not stored ("no-store"): going back to it would
        // ask to post again, so the way back to the citizen is taken from its link instead.
        let citizenAddress = try #require(try await browser.find("#back-to-citizen").attribute("href"))
        try await formLink.click()
        try await browser.waitForURL { $0.hasSuffix("/exemption-form.html") }
        let form = try await browser.source()
        #expect(form.contains("Karen Møller"))
        let pdf = try await browser.printPDF()
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        try? FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        try pdf.write(to: Self.screenshots.appendingPathComponent("exemption-form.pdf"))
        try await browser.navigate(to: server.url(citizenAddress))

        // The application: two criteria, a passport, paper copies.
        try await browser.waitFor("#go-exemption").click()
        try await browser.waitFor("#apply-form")
        try await browser.find("#apply-criterion-impairment").click()
        try await browser.find("#apply-criterion-no-internet").click()
        try await browser.find("#apply-id1-kind").select(value: "passport")
        try await browser.find("#apply-id1-expires").setDate("2030-06-30")
        try await browser.find("#apply-paper-copies").click()
        try await browser.find("#apply").click()
        let recorded = try await browser.waitFor("#result-message").text()
        #expect(recorded.hasPrefix("Ansøgning 1 registreret ("), "\(recorded)")
        #expect(try await browser.find("#application-id").text() == "1")

        // The work queue of the clerk's municipality (751) does not hold it: the citizen's
        // municipality, Horsens (615), decides (Act §5(2)). From the citizen's page, where it
        // waits, this clerk is refused; a clerk of 615 finds it in their queue and decides it.
        try await browser.find("#nav-applications").click()
        #expect(try await browser.waitFor("#applications-none").isDisplayed())
        try await browser.navigate(to: server.url(citizenAddress + "/exemption"))
        #expect(try await Self.texts("#citizen-pending .application-id", browser) == ["1"])
        try await browser.find("#citizen-pending .application-decide").click()
        #expect(try await browser.waitFor("#decide-application").property("value") as? String == "1")
        try await browser.find("#decide-grant").click()
        try await browser.find("#decide").click()
        #expect(
          try await browser.waitFor("#decide-error").text()
            == "Ansøgningen fra 050531-XXXX afgøres af kommune 615, hvor borgeren er registreret (lov om Digital "
            + "Post § 5, stk. 2), ikke af borgerservice 751, hvor du er logget ind; en sagsbehandler i kommune 615 "
            + "afgør den.")
        try await browser.find("#sign-out").click()
        try await browser.waitForURL { $0.hasSuffix("/sign-in") }
        try await Self.signIn(browser, server, clerk: DeskServer.horsensClerk, password: DeskServer.horsensPassword)
        #expect(try await browser.find("#nav-applications-count").text() == "1")
        try await browser.find("#nav-applications").click()
        try await browser.waitFor("#decide-1").click()
        #expect(try await browser.waitFor("#decide-application").property("value") as? String == "1")
        try await browser.find("#decide-grant").click()
        try await browser.find("#decide").click()
        let granted = try await browser.waitFor("#result-message").text()
        #expect(granted.hasPrefix("Ansøgning 1 imødekommet ("), "\(granted)")
        #expect(try await browser.findAll("#letter-exemption-decision").count == 1)

        // The citizen page now shows the exemption and paper post.
        try await browser.find("#back-to-citizen").click()
        #expect(try await browser.waitFor("#citizen-exemption").text() == "fritaget")
        #expect(try await browser.find("#citizen-exemption-since").text() == "22. november 2026")
        #expect(try await browser.find("#citizen-letterbox").text() == "fritaget")
        #expect(try await browser.find("#citizen-channel").text() == "papir")
        #expect(try await browser.find("#citizen-channel-reason").text() == "fritaget fra Digital Post")

        // What the clerk looks at most: the citizen page, wide and at a tablet's width.
        try await browser.resize(width: 1280, height: 1000)
        try await browser.screenshot().write(to: Self.screenshots.appendingPathComponent("citizen-1280.png"))
        try await browser.resize(width: 800, height: 1100)
        let narrow = try await browser.screenshot()
        #expect(pngSize(narrow)?.width == 800)
        try narrow.write(to: Self.screenshots.appendingPathComponent("citizen-800.png"))
        // Nothing wider than the window: no sideways scrolling at a tablet's width.
        #expect(try await browser.execute("return document.documentElement.scrollWidth;") as? Int == 800)
        try await browser.find("#go-exemption").click()
        try await browser.waitFor("#apply-form")
        try await browser.screenshot().write(to: Self.screenshots.appendingPathComponent("exemption-800.png"))
      }

      // The registry: the exemption, from the application, recorded by the clerk who signed in.
      let citizen = try server.show("050531-3216")
      let exemption = try #require(citizen["exemption"] as? [String: Any], "\(citizen)")
      #expect(exemption["since"] as? String == "2026-11-22", "\(exemption)")
      #expect(citizen["channel"] as? String == "paper")
      #expect(try server.count("SELECT count(*) FROM application WHERE clerk = 'mh' AND centre = '751'") == 1)
      #expect(try server.count("SELECT count(*) FROM decision WHERE granted = 1 AND clerk = 'hs'") == 1)
      #expect(try server.count("SELECT paper_copies FROM application WHERE id = 1") == 1)
      let entries = try server.audit(after: auditBefore)
      #expect(!entries.isEmpty)
      #expect(entries.map(\.clerk) == ["mh", "hs", "hs"], "\(entries)")
      // Received at 751; decided by Horsens (615), where the citizen is registered (Act §5(2)).
      #expect(
        entries.map { "\($0.action) \($0.centre)" } == [
          "application.record 751", "application.decide 615", "exemption.start 615",
        ], "\(entries)")
      #expect(entries.allSatisfy { !$0.subject.contains("3216") }, "\(entries)")
      let verified = try server.cli(["audit", "verify"])
      #expect(verified.status == 0 && verified.stdout.hasPrefix("audit log intact: "), "\(verified)")
    }
  }

  @Test(
    "decide from the work queue: the header counts the application, its row leads to the decide form, deciding removes it"
  )
  func workQueue() async throws {
    try await DeskServer.run { server in
      try await Browser.run { browser in
        try await Self.signIn(browser, server)
        #expect(try await browser.find("#nav-applications-count").text() == "0")
        try await Self.lookUp("140382-3518", browser, server)
        try await browser.find("#go-exemption").click()
        try await browser.waitFor("#apply-form")
        try await browser.find("#apply-criterion-language").click()
        try await browser.find("#apply-id1-kind").select(value: "passport")
        try await browser.find("#apply-id1-expires").setDate("2030-06-30")
        try await browser.find("#apply").click()
        #expect(try await browser.waitFor("#application-id").text() == "1")
        #expect(try await browser.find("#nav-applications-count").text() == "1")

        try await browser.find("#nav-applications").click()
        try await browser.waitFor("#pending-applications")
        #expect(try await browser.title() == "PostDesk – Ansøgninger")
        #expect(try await Self.texts("#pending-applications .application-citizen", browser) == ["140382-XXXX"])
        #expect(try await Self.texts("#pending-applications .application-received", browser) == ["22. november 2026"])
        #expect(try await Self.texts("#pending-applications .application-criteria", browser) == ["sproglige barrierer"])
        try await browser.resize(width: 1280, height: 1000)
        try? FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        try await browser.screenshot().write(to: Self.screenshots.appendingPathComponent("applications-1280.png"))
        try await browser.resize(width: 800, height: 1000)
        try await browser.screenshot().write(to: Self.screenshots.appendingPathComponent("applications-800.png"))
        #expect(try await browser.execute("return document.documentElement.scrollWidth;") as? Int == 800)

        try await browser.find("#decide-1").click()
        #expect(try await browser.waitFor("#decide-application").property("value") as? String == "1")
        try await browser.screenshot().write(to: Self.screenshots.appendingPathComponent("exemption-da-800.png"))
        try await browser.find("#decide-grant").click()
        try await browser.find("#decide").click()
        #expect(try await browser.waitFor("#result-title").text() == "Fritagelse imødekommet")
        try await browser.find("#nav-applications").click()
        #expect(try await browser.waitFor("#applications-none").text() == "Ingen ansøgning venter på afgørelse.")
        #expect(try await browser.find("#nav-applications-count").text() == "0")
      }
      #expect(try server.count("SELECT count(*) FROM decision WHERE granted = 1 AND clerk = 'mh'") == 1)
    }
  }

  @Test("grant an access, see it on the pages and in the registry, revoke it; a refused grant changes nothing")
  func access() async throws {
    try await DeskServer.run { server in
      try await Browser.run { browser in
        try await Self.signIn(browser, server)
        // Once in English: the switch keeps the choice in the session.
        try await browser.find("#switch-language").click()
        // The Danish page has the form too: wait for the English one.
        try await browser.waitFor("html[lang='en'] #find-form")
        #expect(try await browser.title() == "PostDesk – Find a citizen")
        #expect(try await browser.execute("return document.documentElement.lang;") as? String == "en")
        try await Self.lookUp("120940-1653", browser, server)
        try await browser.find("#go-access").click()
        #expect(try await browser.waitFor("#accesses-given-none").isDisplayed())

        // Refused: a helper under 15. The error by its field, the fields as typed, nothing written.
        let auditBefore = try server.audit().count
        try await browser.find("#grant-helper").type("120314-6775")
        try await browser.find("#grant-level").select(value: "read")
        try await browser.find("#grant-until").setDate("2027-11-30")
        try await browser.find("#grant-consent").select(value: "in-person")
        try await browser.find("#grant-id1-kind").select(value: "passport")
        try await browser.find("#grant-id1-expires").setDate("2030-01-31")
        try await browser.find("#grant").click()
        let refusal = try await browser.waitFor("#grant-helper-error").text()
        #expect(refusal.contains("15"), "\(refusal)")
        #expect(try await browser.find("#grant-helper").property("value") as? String == "120314-6775")
        #expect(try server.audit().count == auditBefore)

        // Granted: read and write until 30 November 2028, with both letters.
        try await browser.find("#grant-helper").clear()
        try await browser.find("#grant-helper").type("311299-0800")
        try await browser.find("#grant-level").select(value: "read-write")
        try await browser.find("#grant-until").setDate("2028-11-30")
        try await browser.find("#grant").click()
        #expect(
          try await browser.waitFor("#result-message").text()
            == "311299-XXXX may read and write the Digital Post of 120940-XXXX until 30 November 2028.")
        #expect(try await browser.findAll("#letter-access-confirmation-owner").count == 1)
        #expect(try await browser.findAll("#letter-access-notice-helper").count == 1)
        let listed = try server.cli(["access", "list", "120940-1653"])
        #expect(listed.stdout.contains("311299-XXXX  Signe Lykke  read-write  2026-11-22 to 2028-11-30"), "\(listed)")

        // On the access page and on the citizen page.
        try await browser.find("#back-to-citizen").click()
        #expect(try await Self.texts("#accesses-given tr.access .access-name", browser) == ["Signe Lykke"])
        #expect(try await Self.texts("#accesses-given tr.access .access-level", browser) == ["read-write"])
        #expect(try await Self.texts("#accesses-given tr.access .access-other", browser) == ["311299-XXXX"])
        #expect(try await Self.texts("#accesses-given tr.access .access-until", browser) == ["30 November 2028"])
        try await browser.find("#go-access").click()
        try await browser.waitFor("#revoke-1").click()
        #expect(
          try await browser.waitFor("#result-message").text()
            == "The access of 311299-XXXX to the Digital Post of 120940-XXXX ends on 22 November 2026.")
        try await browser.find("#back-to-citizen").click()
        #expect(try await browser.waitFor("#accesses-given-none").isDisplayed())
      }
      let owner = try server.show("120940-1653")
      #expect((owner["accesses"] as? [Any])?.isEmpty == true, "\(owner)")
      #expect(try server.count("SELECT count(*) FROM access WHERE owner = 1209401653 AND valid_to IS NULL") == 0)
      #expect(try server.count("SELECT count(*) FROM access WHERE owner = 1209401653") == 1)
      let verified = try server.cli(["audit", "verify"])
      #expect(verified.status == 0, "\(verified)")
    }
  }
}
