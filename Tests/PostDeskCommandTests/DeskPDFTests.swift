import Foundation
import PostDeskTestSupport
import Testing

/// The desk's documents as PDF (`--out NAME.pdf`), checked as a print shop or a reader would
/// check them: poppler's `pdfinfo` and `pdftotext`, on the built `postdesk`.
@Suite("postdesk exemption form / decide --out NAME.pdf, end to end")
struct DeskPDFTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
  }

  func poppler(_ tool: String, _ arguments: [String]) throws -> String { try Poppler.run(tool, arguments) }

  @Test func theFormAndTheDecisionPrintToA4PDF() throws {
    let form = try cli.run(["exemption", "form", "120940-1653", "--clerk", "ast", "--out", "poul.pdf"])
    #expect(form.status == 0, "\(form)")
    #expect(form.stdout == "Pre-filled form (da): poul.pdf\n")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: cli.path("poul.pdf")))
    #expect(bytes.starts(with: Array("%PDF-".utf8)))
    let info = try poppler("pdfinfo", [cli.path("poul.pdf")])
    #expect(info.contains("Page size:       594.96 x 841.92 pts (A4)"), "\(info)")
    #expect(info.contains("Tagged:          yes"), "\(info)")
    #expect(info.contains("Title:           Anmodning om fritagelse fra Digital Post (FD 001A)"), "\(info)")
    #expect(info.contains("CreationDate:    Sun Nov 22 00:00:00 2026 UTC"), "\(info)")
    let text = try poppler("pdftotext", ["-layout", cli.path("poul.pdf"), "-"])
    #expect(text.contains("Poul Andersen") && text.contains("København V") && text.contains("120940-1653"))

    // The same form on the same day: the same bytes.
    let again = try cli.run(["exemption", "form", "120940-1653", "--clerk", "ast", "--out", "again.pdf"])
    #expect(again.status == 0, "\(again)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("again.pdf"))) == bytes)

    let apply = try cli.run([
      "exemption", "apply", "120940-1653", "--criterion", "impairment", "--id", "passport:2030-01-31",
      "--centre", "101", "--clerk", "ast",
    ])
    #expect(apply.status == 0, "\(apply)")
    let decide = try cli.run(["exemption", "decide", "1", "--grant", "--clerk", "ast", "--out", "decision.pdf"])
    #expect(decide.status == 0, "\(decide)")
    let letter = try poppler("pdftotext", [cli.path("decision.pdf"), "-"])
    #expect(letter.contains("Poul Andersen") && letter.contains("120940-XXXX") && !letter.contains("120940-1653"))
  }

  @Test func withoutChromiumTheDecisionIsNotRecorded() throws {
    let apply = try cli.run([
      "exemption", "apply", "120940-1653", "--criterion", "impairment", "--id", "passport:2030-01-31",
      "--centre", "101", "--clerk", "ast",
    ])
    #expect(apply.status == 0, "\(apply)")
    let decide = try cli.run(
      ["exemption", "decide", "1", "--grant", "--clerk", "ast", "--out", "decision.pdf"],
      environment: ["CHROMIUM_PATH": "/nonexistent/chromium"])
    #expect(decide.status != 0)
    #expect(
      decide.stderr
        == "Chromium is not installed (looked for /nonexistent/chromium): run `apt-get install chromium`, or name "
        + "the executable with CHROMIUM_PATH.\n")
    #expect(!FileManager.default.fileExists(atPath: cli.path("decision.pdf")))
    #expect(try cli.show("120940-1653")["exemption"] is NSNull)
  }

  /// Run as root, the browser runs as `nobody`: a private temporary folder (0700, root's) that
  /// `nobody` may not enter must not stop it (its profile and sockets then live in /tmp).
  @Test func aPrivateTemporaryFolderDoesNotStopTheBrowser() throws {
    let privateFolder = cli.path("private-tmp")
    try FileManager.default.createDirectory(
      atPath: privateFolder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    let form = try cli.run(
      ["exemption", "form", "120940-1653", "--clerk", "ast", "--out", "private.pdf"],
      environment: ["TMPDIR": privateFolder])
    #expect(form.status == 0, "\(form)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("private.pdf"))).starts(with: Array("%PDF-".utf8)))
  }

  @Test func accessLettersAndNoticesPrintToPDFWithFormatPDF() throws {
    let grant = try cli.run([
      "access", "grant", "120940-1653", "311299-0800", "--level", "read-write", "--until", "2028-11-30",
      "--consent", "in-person", "--id", "passport:2030-01-31", "--clerk", "ast", "--out", "access", "--format", "pdf",
    ])
    #expect(grant.status == 0, "\(grant)")
    #expect(grant.stdout.contains("  letter: access/access-confirmation-owner.pdf\n"), "\(grant.stdout)")
    #expect(grant.stdout.contains("  letter: access/access-notice-helper.pdf\n"), "\(grant.stdout)")
    let giveUp = try cli.run([
      "access", "give-up", "120940-1653", "311299-0800", "--clerk", "ast", "--out", "access", "--format", "pdf",
    ])
    #expect(giveUp.status == 0, "\(giveUp)")
    let notices = try cli.run(["letterbox", "notices", "--date", "2026-11-23", "--out", "notices", "--format", "pdf"])
    #expect(notices.status == 0, "\(notices)")
    #expect(notices.stdout.contains("notices/letterbox-notice-01.pdf"), "\(notices.stdout)")
    let files = [
      "access/access-confirmation-owner.pdf", "access/access-notice-helper.pdf", "access/access-given-up-owner.pdf",
      "notices/letterbox-notice-01.pdf", "notices/letterbox-notice-02.pdf",
    ]
    for file in files {
      let info = try poppler("pdfinfo", [cli.path(file)])
      #expect(info.contains("Page size:       594.96 x 841.92 pts (A4)"), "\(file): \(info)")
      #expect(info.contains("Tagged:          yes"), "\(file): \(info)")
      // Dated the day of the letter: today for access, the day they are sent for notices.
      let day = file.hasPrefix("notices") ? "Mon Nov 23" : "Sun Nov 22"
      #expect(info.contains("CreationDate:    \(day) 00:00:00 2026 UTC"), "\(file): \(info)")
      #expect(!FileManager.default.fileExists(atPath: cli.path(String(file.dropLast(4)) + ".html")), "\(file)")
    }
    let owner = try poppler("pdftotext", [cli.path("access/access-confirmation-owner.pdf"), "-"])
    #expect(owner.contains("Poul Andersen") && owner.contains("Signe Lykke"), "\(owner)")
  }
}
