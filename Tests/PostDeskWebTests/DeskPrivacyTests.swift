import DigitalPost
import Foundation
import HummingbirdTesting
import PostDesk
import Testing

@testable import PostDeskWeb

/// What the desk keeps about citizens, and for how long (issue 24's risks): the letters it
/// produced readable by the server's user only and removed after the retention period, a
/// session's citizen references bounded, and the language switch's way back only a path.
@Suite("web desk: documents kept privately and briefly, bounded sessions, a safe way back")
struct DeskPrivacyTests {
  /// The permission bits of `path`.
  static func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
  }

  @Test("the documents folder, each letter's folder and each letter are the server user's only")
  func permissions() async throws {
    let fixture = try WebDeskFixture()
    let root = "\(fixture.folder)/documents"
    #expect(try Self.mode(root) == 0o700)
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let printed = try await browser.post("\(citizen)/exemption/form", [("language", "")])
      let path = try PermissionTests.letter("exemption-form", on: printed)
      let file = "\(fixture.folder)\(path)"
      #expect(try Self.mode(file) == 0o600)
      #expect(try Self.mode((file as NSString).deletingLastPathComponent) == 0o700)
      // The PDF printed on demand too.
      let pdfPath = String(path.dropLast(".html".count)) + ".pdf"
      #expect(try await browser.get(pdfPath).status == .ok)
      #expect(try Self.mode("\(fixture.folder)\(pdfPath)") == 0o600)
    }
  }

  @Test("an existing documents folder open to others is closed at start")
  func existingFolderClosed() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-docs-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    chmod(folder, 0o755)
    _ = try DocumentsFolder(root: folder, retention: 60, now: Date())
    #expect(try Self.mode(folder) == 0o700)
  }

  @Test("letters are removed once older than the retention period (30 days), at start and as letters are made")
  func retention() async throws {
    #expect(WebDeskConfiguration.defaultDocumentsRetention == 30 * 24 * 60 * 60)
    let fixture = try WebDeskFixture()
    let root = "\(fixture.folder)/documents"
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      for _ in 0..<3 { try await browser.post("\(citizen)/exemption/form", [("language", "")]) }
    }
    let folders = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
    #expect(folders.count == 3)
    // One made 31 days ago, one 29 days ago, one now (by the desk's clock, not the machine's).
    func age(_ folder: String, days: Double) throws {
      try FileManager.default.setAttributes(
        [.modificationDate: now.addingTimeInterval(-days * 24 * 60 * 60)],
        ofItemAtPath: "\(root)/\(folder)/\(DocumentsFolder.marker)")
    }
    for (folder, days) in zip(folders, [31.0, 29.0, 0]) { try age(folder, days: days) }
    // Looked for at most once an hour: an hour on, the next letter made sweeps.
    fixture.advance(DocumentsFolder.sweepInterval)
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      try await browser.post("\(citizen)/exemption/form", [("language", "")])
    }
    let after = try FileManager.default.contentsOfDirectory(atPath: root)
    #expect(after.count == 3)
    #expect(!after.contains(folders[0]))
    #expect(after.contains(folders[1]) && after.contains(folders[2]))
    for folder in after where !folders.contains(folder) { try age(folder, days: 0) }

    // At start: a desk opened on the folder a day and a half on removes the one now 30.5 days old.
    _ = try DocumentsFolder(
      root: root, retention: WebDeskConfiguration.defaultDocumentsRetention, now: now.addingTimeInterval(1.5 * 86_400))
    let left = try FileManager.default.contentsOfDirectory(atPath: root)
    #expect(!left.contains(folders[1]))
    #expect(left.count == 2)
  }

  @Test("a session keeps at most 500 citizen references, forgetting the least recently used")
  func boundedReferences() throws {
    let store = SessionStore(idleTimeout: 60)
    let clerk = SignedInClerk(id: "mh", centre: MunicipalityCode(751)!, isAdmin: false)
    let session = store.open(clerk: clerk, now: Date(timeIntervalSince1970: 0))
    #expect(SessionStore.referenceLimit == 500)
    let first = try CPRNumber(parsing: "140382-3518")
    let kept = try #require(store.reference(for: first, in: session.id))
    var made: [String] = []
    for n in 0..<1_000 {
      let cpr = try CPRNumber(parsing: String(format: "0101%02d-%04d", n % 100, n))
      made.append(try #require(store.reference(for: cpr, in: session.id)))
      // The first citizen is in use all along: never forgotten.
      #expect(store.reference(for: first, in: session.id) == kept)
    }
    let now = try #require(store.session(session.id, now: Date(timeIntervalSince1970: 1)))
    #expect(now.citizens.count == 500)
    #expect(now.references.count == 500)
    #expect(now.lastUse.count == 500)
    #expect(now.citizens[kept] == first)
    #expect(now.citizens[made[999]] != nil)
    #expect(now.citizens[made[0]] == nil)
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
