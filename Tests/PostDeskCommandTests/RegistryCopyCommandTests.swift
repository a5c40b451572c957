import DigitalPost
import Foundation
import PostDeskTestSupport
import Registry
import Testing

/// `postdesk registry copy`, end to end: a SQLite registry copied into PostgreSQL (a throwaway
/// cluster) and back, each copy's audit log and citizen pages the same as the original's.
@Suite("postdesk registry copy, SQLite to PostgreSQL and back")
final class RegistryCopyCommandTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  let dir: URL

  init() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-copy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: dir) }

  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  func run(_ arguments: [String], db: String? = nil) throws -> PostdeskProcess {
    // POSTDESK_DB of the caller's environment never counts: the test names the registry or none.
    let environment: [String: String?] = [
      "POSTDESK_TODAY": "2026-11-22", "POSTDESK_NOW": "2026-11-22T09:30:00Z", "POSTDESK_DB": db,
    ]
    return try PostdeskProcess.run(arguments, in: Self.packageRoot, environment: environment)
  }

  /// The sample registry with an application, its decision, an exemption and an access.
  func original() throws -> String {
    let db = path("original.sqlite")
    let imported = try run(
      ["citizens", "import", "samples/citizens.csv", "--clerk", "ab12", "--centre", "101"], db: db)
    #expect(imported.status == 0, "\(imported.stderr)")
    let registry = try Registry(path: db)
    let actor = AuditActor(clerk: "ab12", centre: "101", at: Date(timeIntervalSince1970: 1_795_000_000))
    let adult = try CPRNumber(parsing: "090685-1334")
    let other = try CPRNumber(parsing: "140382-3518")
    try registry.write(actor) { tx in
      let id = try tx.recordApplication(
        adult, receivedOn: CivilDate(iso: "2026-11-20")!, criteria: [.languageBarriers], representative: nil,
        identityDocuments: [], paperCopies: true)
      try tx.recordDecision(applicationID: id, granted: true, reason: nil, effective: CivilDate(iso: "2026-11-21")!)
      try tx.startExemption(
        adult, since: CivilDate(iso: "2026-11-21")!, criteria: [.languageBarriers], forEmigration: false,
        applicationID: id, paperCopiesFrom: nil)
      try tx.upsertAccess(
        owner: other, helper: adult, level: .read, from: CivilDate(iso: "2026-11-21")!,
        until: CivilDate(iso: "2027-11-21")!, consent: .inPerson)
    }
    return db
  }

  @Test func toPostgreSQLAndBackEveryCopyTheSame() throws {
    let original = try original()
    let verified = try run(["audit", "verify"], db: original)
    #expect(verified.status == 0, "\(verified.stderr)")
    #expect(verified.stdout.hasPrefix("audit log intact: 5 entries hold (head "))
    try PostgresCluster.shared().withDatabase { url in
      let there = try run(["registry", "copy", original, url])
      #expect(there.status == 0, "\(there.stderr)")
      #expect(
        there.stdout
          == "copied \(original) to \(url) (rows: audit 5, citizen 40, application 1, decision 1, exemption 1, "
          + "access 1, clerk 0, printed_message 0, kept_document 0); audit log intact: 5 entries hold (head "
          + verified.stdout.split(separator: "(head ")[1])
      #expect(try run(["audit", "verify"], db: url).stdout == verified.stdout)
      for cpr in ["090685-1334", "140382-3518", "031211-8254"] {
        let show = try run(["citizens", "show", cpr, "--json"], db: original)
        #expect(show.status == 0)
        #expect(try run(["citizens", "show", cpr, "--json"], db: url).stdout == show.stdout)
      }
      // Into a database that holds a registry already: refused, nothing changed.
      let again = try run(["registry", "copy", original, url])
      #expect(again.status == 1)
      #expect(
        again.stderr
          == "the registry to copy into is not new (40 citizen versions, 5 audit entries): a copy goes into an empty "
          + "registry; give the path or URL of a new one\n")
      #expect(try run(["audit", "verify"], db: url).stdout == verified.stdout)
      // And back into a new file.
      let back = path("back.sqlite")
      let home = try run(["registry", "copy", url, back])
      #expect(home.status == 0, "\(home.stderr)")
      #expect(try run(["audit", "verify"], db: back).stdout == verified.stdout)
      #expect(
        try run(["citizens", "show", "090685-1334", "--json"], db: back).stdout
          == run(["citizens", "show", "090685-1334", "--json"], db: original).stdout)
    }
  }

  @Test func aCopyIntoAFileThatExistsOrFromNoneIsRefused() throws {
    let original = try original()
    let exists = try run(["registry", "copy", original, original])
    #expect(exists.status == 1)
    #expect(exists.stderr == "\(original) is both FROM and TO: copy into a new registry\n")
    let other = path("other.sqlite")
    #expect(FileManager.default.createFile(atPath: other, contents: Data()))
    let occupied = try run(["registry", "copy", original, other])
    #expect(occupied.stderr == "\(other) exists already: a copy goes into a new file; give the path of one\n")
    let missing = try run(["registry", "copy", path("none.sqlite"), path("new.sqlite")])
    #expect(missing.status == 1)
    #expect(
      missing.stderr
        == "no registry at \(path("none.sqlite")); import a CPR extract with 'postdesk citizens import FILE.csv' or "
        + "give --db PATH\n")
    #expect(!FileManager.default.fileExists(atPath: path("new.sqlite")))
  }
}
