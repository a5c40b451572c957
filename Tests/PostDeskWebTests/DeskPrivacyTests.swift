import DigitalPost
import Foundation
import HummingbirdTesting
import PostDesk
import Registry
import Synchronization
import Testing

@testable import PostDeskWeb

/// What the desk keeps about citizens, and for how long (issue 24's risks): the letters it
/// produced kept in the registry file, readable by the server's user only, and forgotten after
/// the retention period, a
/// session's citizen references its own and kept nowhere, and the language switch's way back only a path.
@Suite("web desk: documents kept privately and briefly, bounded sessions, a safe way back")
struct DeskPrivacyTests {
  /// The permission bits of `path`.
  static func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
  }

  @Test("the letters are kept in the registry file, which is the server user's only, and nowhere else")
  func permissions() async throws {
    let fixture = try WebDeskFixture()
    let registry = "\(fixture.folder)/registry.sqlite"
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let printed = try await browser.post("\(citizen)/exemption/form", [("language", "")])
      let path = try PermissionTests.letter("exemption-form", on: printed)
      // The pre-filled form, with the full CPR number, as the clerk opens it.
      #expect(try await browser.get(path).html.contains("140382-3518"))
      // The PDF printed on demand too.
      let pdfPath = String(path.dropLast(".html".count)) + ".pdf"
      #expect(try await browser.get(pdfPath).status == .ok)
      #expect(try fixture.keptLetters() == ["exemption-form.html", "exemption-form.pdf"])
    }
    // The registry file and its companions (the letters sit in them) are the owner's only.
    for file in [registry, "\(registry)-wal", "\(registry)-shm"] where FileManager.default.fileExists(atPath: file) {
      #expect(try Self.mode(file) == 0o600, "\(file)")
    }
    // No folder of letters beside it.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: fixture.folder).allSatisfy { $0.hasPrefix("registry.") })
  }

  @Test("a letter made on one desk is served by another desk on the same registry, from the registry")
  func servedByAnotherDesk() async throws {
    let fixture = try WebDeskFixture()
    let made = Mutex<(path: String, letter: String)?>(nil)
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let printed = try await browser.post("\(citizen)/exemption/form", [("language", "")])
      let path = try PermissionTests.letter("exemption-form", on: printed)
      let letter = try await browser.get(path).html
      made.withLock { $0 = (path, letter) }
    }
    let (path, letter) = try #require(made.withLock { $0 })
    let other = try WebDesk(
      WebDeskConfiguration(
        registry: try Registry(path: "\(fixture.folder)/registry.sqlite"),
        templatesFolder: WebDeskFixture.repository.appendingPathComponent("templates").path,
        today: { WebDeskFixture.today }))
    try await other.application(host: "127.0.0.1", port: 0).test(.live) { client in
      let browser = Browser(client)
      try await browser.signIn()
      let served = try await browser.get(path)
      #expect(served.status == .ok)
      #expect(served.html == letter)
    }
  }

  @Test("letters are forgotten once older than the retention period (30 days), at start and as letters are made")
  func retention() async throws {
    #expect(WebDeskConfiguration.defaultDocumentsRetention == 30 * 24 * 60 * 60)
    let fixture = try WebDeskFixture()
    let now = fixture.clock.now
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      for _ in 0..<3 { try await browser.post("\(citizen)/exemption/form", [("language", "")]) }
    }
    let actions = try fixture.keptActions()
    #expect(actions.count == 3)
    // One made 31 days ago, one 29 days ago, one now (by the desk's clock, not the machine's).
    for (action, days) in zip(actions, [31.0, 29.0, 0]) {
      try fixture.setMadeAt(action, now.addingTimeInterval(-days * 24 * 60 * 60))
    }
    // Looked for at most once an hour: an hour on, the next letter made sweeps.
    fixture.advance(DocumentRetention.sweepInterval)
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      try await browser.post("\(citizen)/exemption/form", [("language", "")])
    }
    let after = try fixture.keptActions()
    #expect(after.count == 3)
    #expect(!after.contains(actions[0]))
    #expect(after.contains(actions[1]) && after.contains(actions[2]))

    // At start: a desk opened on the registry a day and a half on forgets the one now 30.5 days old.
    _ = try DocumentRetention(
      registry: fixture.registry, retention: WebDeskConfiguration.defaultDocumentsRetention,
      now: now.addingTimeInterval(1.5 * 86_400))
    let left = try fixture.keptActions()
    #expect(!left.contains(actions[1]))
    #expect(left.count == 2)
  }

  @Test("a citizen reference is the session's: the same for one citizen, nobody in another session, nothing kept")
  func sessionReferences() throws {
    let token = Token.random()
    let mine = CitizenReferences(token: token)
    let first = try CPRNumber(parsing: "140382-3518")
    let reference = mine.reference(for: first)
    // Hex, no CPR number in it, the same each time: a page links one citizen one way.
    #expect(reference.count == 66)
    #expect(reference.allSatisfy { "0123456789abcdef".contains($0) })
    #expect(!reference.contains("1403823518"))
    #expect(mine.reference(for: first) == reference)
    #expect(mine[reference] == first)
    // A thousand citizens, and no table grows: the first reference still names its citizen.
    for n in 0..<1_000 {
      let cpr = try CPRNumber(parsing: String(format: "0101%02d-%04d", n % 100, n))
      #expect(mine[mine.reference(for: cpr)] == cpr)
    }
    #expect(mine[reference] == first)
    // A citizen born in 1900 (leading zeros) comes back whole.
    let old = try CPRNumber(parsing: "010100-0001")
    #expect(mine[mine.reference(for: old)] == old)
    // Another session, an altered reference, or anything else: nobody.
    #expect(CitizenReferences(token: Token.random())[reference] == nil)
    var altered = Array(reference)
    altered[30] = altered[30] == "0" ? "1" : "0"
    #expect(mine[String(altered)] == nil)
    for junk in ["", "ab12", String(repeating: "g", count: 66), String(reference.dropLast(2)), reference.uppercased()] {
      #expect(mine[junk] == nil)
    }
  }

  @Test("the language switch goes back only to a path on the desk")
  func languageSwitchBack() async throws {
    for path in ["/citizens", "/citizens/ab12?asOf=2026-01-01", "/letterboxes?from=2026-11-22&page=2"] {
      #expect(RequestLanguage.isLocalPath(path), "\(path)")
    }
    for path in [
      "/citizens\t", "/citizens\u{9}x", "/a b", "//evil.example/", "/\\evil.example", "/citizens//x", "https://x/",
      "/citizens\r\nSet-Cookie: x=1", "/æ", "citizens", "", "/\u{7F}",
    ] {
      #expect(!RequestLanguage.isLocalPath(path), "\(path.debugDescription)")
    }
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let tab = try await browser.post("/language", [("lang", "da"), ("back", "\(citizen)\tx")])
      #expect(tab.status == .seeOther)
      #expect(tab.location == "/citizens")
      let good = try await browser.post("/language", [("lang", "en"), ("back", "\(citizen)/exemption")])
      #expect(good.location == "\(citizen)/exemption")
    }
  }
}
