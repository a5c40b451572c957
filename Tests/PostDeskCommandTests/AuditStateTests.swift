import Foundation
import GRDB
import Testing

/// `audit verify` guards the state, not only the log: rows edited or deleted with plain SQL,
/// and a log cut short or rewritten since its head was noted (`audit head`).
@Suite("postdesk audit verify guards the state, end to end")
struct AuditStateTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
    let steps: [[String]] = [
      ["exemption", "apply", "120940-1653", "--centre", "101", "--clerk", "ast", "--id", "passport:2030-01-31"],
      ["exemption", "decide", "1", "--grant", "--clerk", "ast", "--out", "d1.html"],
      [
        "access", "grant", "140382-3518", "020780-2743", "--level", "read", "--until", "2027-11-30", "--consent",
        "in-person", "--clerk", "kbj", "--id", "passport:2030-01-31", "--out", "letters",
      ],
    ]
    for step in steps {
      let result = try cli.run(step)
      #expect(result.status == 0, "\(result)")
    }
  }

  /// Plain SQL on the registry file, as someone with write access to it could run.
  func tamper(_ sql: String) throws {
    let queue = try DatabaseQueue(path: cli.db)
    defer { try? queue.close() }
    try queue.write { db in try db.execute(sql: sql) }
  }

  func expectBroken(_ message: String, _ arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let result = try cli.run(["audit", "verify"] + arguments)
    #expect(result.status != 0, "\(result)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(result.stderr == message + "\n", sourceLocation: sourceLocation)
  }

  static let mend = "; restore the registry from a backup and report it"

  @Test func intactAndItsHead() throws {
    let verify = try cli.run(["audit", "verify"])
    #expect(verify.status == 0, "\(verify)")
    let head = try cli.run(["audit", "head"])
    #expect(head.status == 0)
    let words = head.stdout.split(separator: " ")
    #expect(words.first == "5")
    #expect(verify.stdout == "audit log intact: 5 entries hold (head \(words[1].dropLast()))\n")
    try head.stdout.write(toFile: cli.path("head.txt"), atomically: true, encoding: .utf8)
    #expect(try cli.run(["audit", "verify", "--head", cli.path("head.txt")]).status == 0)
  }

  /// (SQL, the line `audit verify` prints)
  static let edits: [(String, String)] = [
    (
      "UPDATE exemption SET valid_to = '2026-11-23'",
      "the exemption of 120940-XXXX since 2026-11-22 is not what the audit log says was written: the row was "
        + "changed outside PostDesk"
    ),
    (
      "UPDATE access SET until = '2030-01-01'",
      "the access of 020780-XXXX to 140382-XXXX from 2026-11-22 is not what the audit log says was written: the row "
        + "was changed outside PostDesk"
    ),
    (
      "UPDATE decision SET granted = 0, reason = 'No.'",
      "the decision on application 1 is not what the audit log says was written: the row was changed outside "
        + "PostDesk"
    ),
    (
      "DELETE FROM exemption",
      "audit entry 4 (exemption.start) wrote a row that is no longer there: it was deleted outside PostDesk"
    ),
    (
      "DELETE FROM access",
      "audit entry 5 (access.grant) wrote a row that is no longer there: it was deleted outside PostDesk"
    ),
  ]

  @Test(arguments: edits)
  func editsWithPlainSQL(sql: String, message: String) throws {
    try tamper(sql)
    try expectBroken("the registry disagrees with its audit log: \(message)\(Self.mend)")
  }

  /// Issue 22 item 12: every application row is guarded as the other rows are. Application
  /// 2 awaits a decision (audit entry 6); each edit says which row and what changed.
  static let applicationEdits: [(String, String)] = [
    (
      "UPDATE application SET cpr = 1403823518 WHERE id = 2",
      "application 2 (of 140382-XXXX, received on 2026-11-22) is not what the audit log says was recorded "
        + "(changed: applicant)"
    ),
    (
      "UPDATE application SET received_on = '2026-11-01' WHERE id = 2",
      "application 2 (of 050187-XXXX, received on 2026-11-01) is not what the audit log says was recorded "
        + "(changed: day received)"
    ),
    (
      "UPDATE application SET centre = '751', clerk = 'kbj' WHERE id = 2",
      "application 2 (of 050187-XXXX, received on 2026-11-22) is not what the audit log says was recorded "
        + "(changed: centre, clerk)"
    ),
    (
      "UPDATE application SET criteria = '[\"impairment\"]' WHERE id = 2",
      "application 2 (of 050187-XXXX, received on 2026-11-22) is not what the audit log says was recorded "
        + "(changed: criteria)"
    ),
    (
      "UPDATE application SET identity_documents = '[{\"kind\":\"passport\",\"expires\":\"2031-01-31\"}]' "
        + "WHERE id = 2",
      "application 2 (of 050187-XXXX, received on 2026-11-22) is not what the audit log says was recorded "
        + "(changed: identity documents)"
    ),
    (
      "UPDATE application SET identity_documents = 'passport' WHERE id = 2",
      "application 2 (of 050187-XXXX, received on 2026-11-22) is not what the audit log says was recorded "
        + "(changed: identity documents)"
    ),
    (
      "UPDATE application SET paper_copies = 1, representative_authority = 'guardian', representative_name = 'Ib Hansen' WHERE id = 2",
      "application 2 (of 050187-XXXX, received on 2026-11-22) is not what the audit log says was recorded "
        + "(changed: representative, paper copies)"
    ),
    (
      "UPDATE application SET audit_id = 5 WHERE id = 2",
      "application 2 (of 050187-XXXX, received on 2026-11-22) names audit entry 5, which did not record it"
    ),
    ("DELETE FROM application WHERE id = 2", "audit entry 6 (application.record) wrote a row that is no longer there"),
  ]

  @Test(arguments: applicationEdits)
  func applicationEditedWithPlainSQL(sql: String, message: String) throws {
    let apply = try cli.run(
      ["exemption", "apply", "050187-0321", "--centre", "101", "--clerk", "ast", "--id", "passport:2030-01-31"])
    #expect(apply.status == 0, "\(apply)")
    #expect(try cli.run(["audit", "verify"]).status == 0)
    try tamper(sql)
    let tail = message.hasSuffix("no longer there") ? "deleted" : "the row was changed"
    try expectBroken(
      "the registry disagrees with its audit log: \(message)"
        + (tail == "deleted" ? ": it was deleted outside PostDesk" : ": the row was changed outside PostDesk")
        + Self.mend)
  }

  @Test func entriesCutOffTheEnd() throws {
    let head = try cli.run(["audit", "head"]).stdout
    try head.write(toFile: cli.path("head.txt"), atomically: true, encoding: .utf8)
    try tamper("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 5")
    try expectBroken(
      "the registry disagrees with its audit log: the access of 020780-XXXX to 140382-XXXX from 2026-11-22 was "
        + "written by audit entry 5, but the log ends at entry 4: entries were cut off the end\(Self.mend)")
    // Entries that wrote no row of these tables: only the noted head finds the cut.
    try tamper("DELETE FROM access")
    try expectBroken(
      "audit log cut short: it has 4 entries, but 5 were noted in $TMP/head.txt\(Self.mend)",
      ["--head", cli.path("head.txt")])
  }

  @Test func logRewrittenSinceTheHead() throws {
    let head = try cli.run(["audit", "head"]).stdout
    try head.write(toFile: cli.path("head.txt"), atomically: true, encoding: .utf8)
    try tamper("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 5; DELETE FROM access")
    let apply = try cli.run(
      ["exemption", "apply", "050187-0321", "--centre", "101", "--clerk", "ast", "--id", "passport:2030-01-31"])
    #expect(apply.status == 0, "\(apply)")
    try expectBroken(
      "audit log rewritten: entry 5 no longer has the hash noted in $TMP/head.txt\(Self.mend)",
      ["--head", cli.path("head.txt")])
  }
}
