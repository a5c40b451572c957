import Foundation
import Testing

@testable import HeadlessChromium

/// The project's real letters printed by real Chromium, each alone, checked with poppler-utils
/// and qpdf: what the print service and a screen reader need of them.
@Suite("printed letters", .serialized)
struct PrintedLetterTests {
  typealias S = TestSupport

  @Test(.timeLimit(.minutes(3))) func lettersAreA4TaggedTitledWithEmbeddedFontsAndText() throws {
    let pool = try ChromiumPool(size: 2)
    defer { pool.close() }
    let names = S.letters + ["form.prefilled.da.html"]
    let pdfs = try pool.print(documents: names.map(S.fixture), options: PDFOptions(date: S.date))
    #expect(pdfs.count == names.count)
    for (name, pdf) in zip(names, pdfs) {
      let info = try S.info(pdf)
      #expect(S.field("Page size", in: info) == "594.96 x 841.92 pts (A4)", "\(name)")
      #expect(S.field("Tagged", in: info) == "yes", "\(name)")
      #expect(S.field("CreationDate", in: info) == "Sun Nov 22 00:00:00 2026 UTC", "\(name)")
      #expect(S.field("ModDate", in: info) == "Sun Nov 22 00:00:00 2026 UTC", "\(name)")
      #expect(try S.check(pdf) == 0, "\(name)")
      let fonts = try S.fonts(pdf).split(separator: "\n").dropFirst(2)
      #expect(!fonts.isEmpty, "\(name)")
      for font in fonts {
        // Columns: name, type, encoding, emb, sub, uni, object id.
        let columns = font.split(separator: " ", omittingEmptySubsequences: true)
        #expect(columns.count >= 7 && columns[columns.count - 5] == "yes", "\(name): \(font) is not embedded")
      }
    }
    let granted = S.field("Title", in: try S.info(pdfs[0]))
    #expect(granted == "Afgørelse om fritagelse fra Digital Post")
    #expect(S.field("Title", in: try S.info(pdfs[1])) == "Decision on exemption from Digital Post")
    let text = try S.text(pdfs[0])
    #expect(text.contains("Københavns Kommune"))
    #expect(text.contains("Du er fritaget fra Digital Post"))
    #expect(text.contains("imødekommet"))
    #expect(text.contains("Rådhuspladsen"))
    #expect(try S.objects(pdfs[0]).contains("/Lang (da)"))
    #expect(try S.objects(pdfs[1]).contains("/Lang (en)"))
  }

  @Test(.timeLimit(.minutes(3))) func theSameLettersGiveTheSameBytesSecondsApart() throws {
    let pool = try ChromiumPool(size: 1)
    defer { pool.close() }
    let alone = try S.letters.map(S.fixture)
    let inRun = alone.map(S.runSafe)
    let options = PDFOptions(date: S.date, documentsPerCall: 4)
    let first = try pool.print(documents: alone + inRun, options: options)
    // Chromium writes the clock (to the second) into its PDFs.
    Thread.sleep(forTimeInterval: 2.2)
    let second = try pool.print(documents: alone + inRun, options: options)
    #expect(first == second)
    let other = try pool.print(
      documents: alone, options: PDFOptions(date: S.date.addingTimeInterval(86_400)))
    #expect(other != Array(first.prefix(alone.count)))
  }

  @Test(.timeLimit(.minutes(2))) func aFileIsPrintedByItsURL() throws {
    let pool = try ChromiumPool(size: 1)
    defer { pool.close() }
    // In a folder the browser may read: started by root it runs as nobody, and the checkout
    // (or TMPDIR) may sit in a private folder (CI clones into one made by mktemp -d, 0700).
    let folder = ChromiumProcess.profiles.appendingPathComponent("hc-file-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    let file = folder.appendingPathComponent("decision.refused.en.html")
    try FileManager.default.copyItem(at: S.fixtures.appendingPathComponent("decision.refused.en.html"), to: file)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
    let pdf = try pool.print(file: file, options: PDFOptions(date: S.date))
    #expect(S.field("Title", in: try S.info(pdf)) == "Decision on exemption from Digital Post")
    #expect(try S.text(pdf).contains("has been refused"))
    #expect(try pool.print(file: file, options: PDFOptions(date: S.date)) == pdf)
    let missing = folder.appendingPathComponent("missing.html")
    #expect(throws: ChromiumError.self) { try pool.print(file: missing, options: PDFOptions(date: S.date)) }
  }
}
