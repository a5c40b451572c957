import Foundation
import PDFCheck
import PostDeskTestSupport
import Testing

@testable import BatchPrinting

/// A PDF enclosure as the print shop gets it: every broken page tree, no pages, too many,
/// encrypted, not A4, a font not embedded, each refused with its reason; active content
/// removed from what is printed; an inflate bomb stopped by the check's own process limits.
@Suite("letters print: PDF enclosures checked")
struct EnclosureCheckTests {
  typealias H = HostilePDF

  /// `printable PAGES` or the reason, from the check in its own process.
  static func isolated(_ pdf: [UInt8]) -> String {
    switch EnclosureCheck.check(pdf, maxPages: 50) {
    case .success(let checked): return "printable \(checked.pages)"
    case .failure(let problem): return problem.reason
    }
  }

  func refusal(_ pdf: [UInt8], maxPages: Int = 50) -> String {
    if case .refused(let reason) = PrintablePDF.check(pdf, maxPages: maxPages) { return reason }
    return "printable"
  }

  @Test func aGoodA4PageIsPrintable() throws {
    guard case .printable(let pdf, let pages) = PrintablePDF.check(H.onePage(), maxPages: 50) else {
      Issue.record("refused: \(refusal(H.onePage()))")
      return
    }
    #expect(pages == 1)
    #expect(pdf.starts(with: Array("%PDF-".utf8)))
    // Written anew the same way every time (a deterministic /ID).
    #expect(PrintablePDF.check(H.onePage(), maxPages: 50) == .printable(pdf: pdf, pages: 1))
  }

  @Test func brokenPageTreesAndNoPagesAreRefused() {
    let reasons = H.brokenTrees.map { ($0.0, refusal($0.1)) }
    let expected = [
      ("no /Pages", "has no page tree (/Pages is missing)"),
      ("/Pages not a dictionary", "has a broken page tree (/Pages is a array, not a dictionary)"),
      ("a kid that is a number", "has a broken page tree (a kid that is a integer)"),
      ("a missing kid", "has a broken page tree (a kid that points at no object)"),
      ("a loop", "has a broken page tree (a loop: object 2 is its own ancestor or appears twice)"),
      ("no pages", "has no pages"),
    ]
    for ((what, reason), (_, wanted)) in zip(reasons, expected) {
      #expect(reason == wanted, "\(what)")
    }
  }

  @Test func notA4AndFontsNotEmbeddedAreRefusedNamingThem() {
    #expect(refusal(H.usLetter) == "has a page of 216 x 279 mm (page 1); the print shop prints A4 (210 x 297 mm)")
    #expect(
      refusal(H.fontNotEmbedded)
        == "uses the font Helvetica without embedding it (page 1); the print shop needs every font embedded: "
        + "save the PDF with its fonts embedded (PDF/A does)")
    // A4 on its side is A4 paper all the same.
    #expect(refusal(H.onePage(box: "[0 0 841.89 595.28]")) == "printable")
  }

  @Test(.timeLimit(.minutes(2))) func tooManyPagesAreRefusedWithoutReadingThemAll() {
    #expect(refusal(H.pages(51)) == "has more than 50 pages; a letter may have at most 50 (--max-pages)")
    #expect(refusal(H.pages(50)) == "printable")
    let started = Date()
    #expect(refusal(H.pages(100_000)) == "has more than 50 pages; a letter may have at most 50 (--max-pages)")
    #expect(Date().timeIntervalSince(started) < 10)
  }

  @Test func activeContentIsRemovedAndTheMarkupKept() throws {
    guard case .printable(let pdf, _) = PrintablePDF.check(H.activeContent, maxPages: 50) else {
      Issue.record("refused: \(refusal(H.activeContent))")
      return
    }
    let text = String(decoding: pdf, as: UTF8.self)
    for word in [
      "/JavaScript", "/OpenAction", "/AA", "/Launch", "/EmbeddedFile", "/FileAttachment", "/Link",
      "/AcroForm", "evil.exe", "calc.exe", "app.launchURL",
    ] {
      #expect(!text.contains(word), "\(word) is still in the PDF")
    }
    // The note (a markup annotation) stays, without its action.
    #expect(text.contains("/Text") && text.contains("A note"))
  }

  @Test func aFormWithFieldsIsRefused() {
    let form = H.onePage(catalog: "/AcroForm << /Fields [5 0 R] >>", extra: [Array("<< /FT /Tx /T (name) >>".utf8)])
    #expect(
      refusal(form)
        == "is a form with fields, whose values are not part of its pages; flatten it (print it to PDF) and send that")
  }

  @Test(.timeLimit(.minutes(2))) func encryptedPDFsAreRefused() throws {
    let dir = try BatchTestSupport.temporaryFolder("encrypted")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Data(H.onePage()).write(to: URL(fileURLWithPath: "\(dir)/plain.pdf"))
    // With qpdf's command: no password to open, printing forbidden; and a password to open.
    for (name, arguments) in [
      ("no-print", ["--encrypt", "", "owner", "256", "--print=none", "--"]),
      ("password", ["--encrypt", "secret", "owner", "256", "--"]),
    ] {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
      process.arguments = arguments + ["\(dir)/plain.pdf", "\(dir)/\(name).pdf"]
      try process.run()
      process.waitUntilExit()
    }
    let noPrint = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(dir)/no-print.pdf")))
    let password = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(dir)/password.pdf")))
    #expect(
      refusal(noPrint)
        == "is encrypted, and its permissions forbid printing; the print shop prints unencrypted PDFs only: "
        + "send it without encryption")
    #expect(
      refusal(password)
        == "is encrypted with a password; the print shop prints unencrypted PDFs only: send it without one")
  }

  @Test(.timeLimit(.minutes(3))) func anInflateBombEndsInItsOwnProcessNotTheBatch() throws {
    // 1 GB of zeros in a 7 MB stream: the check's process runs out of its 768 MB and refuses it.
    let bomb = H.inflateBomb(megabytes: 1024)
    #expect(bomb.count < 10 << 20)
    let started = Date()
    let result = Self.isolated(bomb)
    #expect(
      result
        == "has page content that does not decode (page 1: content stream (content stream object 4 0): errors while "
        + "decoding content stream): a damaged stream, or one that inflates beyond the memory the check allows")
    #expect(Date().timeIntervalSince(started) < 60)
    // A small one decodes within the budget and is written anew.
    #expect(Self.isolated(H.inflateBomb(megabytes: 4)) == "printable 1")
  }
}
