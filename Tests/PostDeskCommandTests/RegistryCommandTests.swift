import DigitalPost
import Foundation
import GRDB
import PostDeskTestSupport
import Registry
import Testing

/// End-to-end tests of `citizens`, `letterbox` and `audit`: the built `postdesk` binary run as
/// a real process on a temporary registry, with "today" and "now" fixed by the environment.
@Suite("postdesk citizens / letterbox / audit, end to end")
final class RegistryCommandTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  let dir: URL
  let db: String

  init() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    db = dir.appendingPathComponent("registry.sqlite").path
  }

  deinit { try? FileManager.default.removeItem(at: dir) }

  func run(_ arguments: [String], today: String = "2026-11-22") throws -> PostdeskProcess {
    try PostdeskProcess.run(
      arguments, in: Self.packageRoot,
      environment: ["POSTDESK_DB": db, "POSTDESK_TODAY": today, "POSTDESK_NOW": "2026-11-22T09:30:00Z"])
  }

  func importSample() throws {
    let result = try run(["citizens", "import", "samples/citizens.csv", "--clerk", "ab12", "--centre", "101"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout
        == "imported samples/citizens.csv: 40 rows, 40 created, 0 updated, 0 unchanged, effective 2026-11-22 (audit entry 1)\n"
    )
  }

  @Test func showJSONOfAChildAboutToTurn15() throws {
    try importSample()
    let result = try run(["citizens", "show", "031211-8254", "--json"])
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        {
          "accesses" : [

          ],
          "age" : 14,
          "asOf" : "2026-11-22",
          "birthDate" : "2011-12-03",
          "channel" : "custody-holders",
          "channelReason" : "§7.3: under 15, one copy to each of 2 custody holder(s)",
          "cpr" : "031211-XXXX",
          "exemption" : null,
          "letterbox" : "not-assigned",
          "letterboxDate" : "2026-12-03",
          "name" : "Emma Jensen"
        }

        """)
  }

  @Test func showOfAnExemptCitizenWithAnAccessAsOfADate() throws {
    try importSample()
    let owner = try CPRNumber(parsing: "120940-1653")
    let helper = try CPRNumber(parsing: "250992-0020")
    let registry = try Registry(path: db)
    try registry.write(AuditActor(clerk: "ab12", centre: "101", at: Date(timeIntervalSince1970: 0))) { tx in
      try tx.startExemption(
        owner, since: CivilDate(iso: "2026-12-01")!, criteria: [.impairment, .noInternet], forEmigration: false,
        applicationID: nil, paperCopiesFrom: nil)
      try tx.upsertAccess(
        owner: owner, helper: helper, level: .read, from: CivilDate(iso: "2026-11-01")!,
        until: CivilDate(iso: "2027-11-01")!, consent: .inPerson)
    }
    let before = try run(["citizens", "show", "120940-1653"])
    #expect(
      before.stdout == """
        120940-XXXX  Poul Andersen
          born 1940-09-12, age 86 on 2026-11-22
          letterbox: active (1955-09-12)
          exemption: none
          access: 250992-XXXX read until 2027-11-01
          channel: digital (§7.5: letterbox in use)

        """)
    let after = try run(["citizens", "show", "120940-1653", "--as-of", "2026-12-01", "--json"])
    #expect(after.stdout.contains(#""channel" : "paper""#))
    #expect(after.stdout.contains(#""letterbox" : "exempt""#))
    #expect(after.stdout.contains(#""criteria" : ["#))
    #expect(after.stdout.contains(#""helper" : "250992-XXXX""#))
    #expect(!after.stdout.contains("1653") && !after.stdout.contains("0020"))
  }

  @Test func letterboxDue() throws {
    try importSample()
    let result = try run(["letterbox", "due", "--from", "2026-11-22", "--to", "2027-03-01"])
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        Letterboxes assigned 2026-11-22 to 2027-03-01: 6
          2026-11-22  221111-XXXX  Clara Madsen
          2026-11-28  281111-XXXX  William Hansen
          2026-12-03  031211-XXXX  Emma Jensen
          2026-12-14  141211-XXXX  Frederik Nørgaard
          2026-12-20  201211-XXXX  Alma Kristensen
          2027-03-01  290212-XXXX  Sofie Østergaard
        Notices to custody holders 2026-11-22 to 2027-03-01: 3
          2026-11-23  141211-XXXX  Frederik Nørgaard (due 2026-12-14): to 170181-XXXX, 301179-XXXX
          2026-11-29  201211-XXXX  Alma Kristensen (due 2026-12-20): to 011280-XXXX, 190978-XXXX
          2027-02-08  290212-XXXX  Sofie Østergaard (due 2027-03-01): to 090685-XXXX, 220284-XXXX

        """)
  }

  @Test func auditVerifyHoldsThenFindsTheEditedEntry() throws {
    try importSample()
    let ok = try run(["audit", "verify"])
    #expect(ok.status == 0)
    #expect(ok.stdout.hasPrefix("audit log intact: 1 entry holds (head "))
    let queue = try DatabaseQueue(path: db)
    try queue.write { db in
      try db.execute(sql: "DROP TRIGGER audit_no_update")
      try db.execute(sql: "UPDATE audit SET clerk = 'zz99' WHERE id = 1")
    }
    try queue.close()
    let broken = try run(["audit", "verify"])
    #expect(broken.status == 1)
    #expect(broken.stdout.isEmpty)
    #expect(
      broken.stderr
        == "audit log broken at entry 1: its content does not match its hash: the entry was edited; restore the registry from a backup and report it\n"
    )
  }

  @Test func badRowChangesNothing() throws {
    try importSample()
    let csv = dir.appendingPathComponent("citizens.csv").path
    try """
    cpr,name,municipality
    010203-1234,Ny Borger,101
    311324-1234,Forkert Dato,101

    """.write(toFile: csv, atomically: true, encoding: .utf8)
    let result = try run(["citizens", "import", csv])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "\(csv):3: \"311324-1234\": no such date: there is no month 13 (DDMMYY, months 01-12)\n")
    #expect(try run(["citizens", "show", "010203-1234"]).status == 1)
    #expect(try run(["audit", "verify"]).stdout.hasPrefix("audit log intact: 1 entry holds"))
  }

  @Test func errorsSayWhatToDo() throws {
    try importSample()
    let unknown = try run(["citizens", "show", "010203-1234"])
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr
        == "no citizen 010203-XXXX in the registry on 2026-11-22; import a CPR extract with 'postdesk citizens import FILE.csv'\n"
    )
    let malformed = try run(["citizens", "show", "0102031234X"])
    #expect(
      malformed.stderr
        == "\"0102031234X\": character 11 (\"X\") is not a digit; a CPR number is DDMMYY-SSSS or DDMMYYSSSS\n")
    let missing = try run(["audit", "verify", "--db", dir.appendingPathComponent("none.sqlite").path])
    #expect(missing.status == 1)
    #expect(
      missing.stderr
        == "no registry at \(dir.path)/none.sqlite; import a CPR extract with 'postdesk citizens import FILE.csv' or give --db PATH\n"
    )
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none.sqlite").path))
    let badDate = try run(["letterbox", "due", "--from", "2026-13-01", "--to", "2026-12-31"])
    // A date that is not one is a usage error, as every mistyped value is: exit 64 with the usage.
    #expect(badDate.status == 64)
    #expect(badDate.stderr.hasPrefix("Error: The value '2026-13-01' is invalid for '--from <YYYY-MM-DD>'\n"))
  }

  @Test func twoProcessesImportingAtOnceLoseNothing() throws {
    try importSample()
    // Two extracts with disjoint citizens, imported by two processes at the same time.
    var paths: [String] = []
    for part in 0..<2 {
      var text = "cpr,name,municipality\n"
      for i in 0..<500 {
        text += String(format: "%02d%02d9%d-%04d,Borger %d,101\n", i % 28 + 1, part + 1, i / 28 % 10, i, i)
      }
      let path = dir.appendingPathComponent("part\(part).csv").path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      paths.append(path)
    }
    let results = try paths.map { path -> Process in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: BatchTestSupport.binary)
      process.arguments = ["citizens", "import", path, "--db", db]
      // "Today" fixed as for every other command here: the imports take effect that day,
      // and `citizens show` below looks as of it.
      var environment = ProcessInfo.processInfo.environment
      environment["POSTDESK_TODAY"] = "2026-11-22"
      environment["POSTDESK_NOW"] = "2026-11-22T09:30:00Z"
      process.environment = environment
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      return process
    }
    for process in results {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    #expect(try run(["audit", "verify"]).stdout.hasPrefix("audit log intact: 3 entries hold"))
    #expect(try run(["citizens", "show", "010190-0000"]).status == 0)
    #expect(try run(["citizens", "show", "240297-0499"]).status == 0)
  }
}
