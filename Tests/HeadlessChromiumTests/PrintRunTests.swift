import Foundation
import Testing

@testable import HeadlessChromium

/// Many documents in one print, cut into one PDF each: the same pages and text as printed one
/// by one, and nothing of another document in any PDF.
@Suite("print runs", .serialized)
struct PrintRunTests {
  typealias S = TestSupport

  @Test func lettersThatDependOnTheirPagesPrintAlone() throws {
    var sheets: [String: StyleFacts] = [:]
    let letter = HTMLDocument(try S.fixture("decision.granted.da.html"), sheets: &sheets)
    #expect(!letter.printsInRun)
    #expect(letter.title == "Afgørelse om fritagelse fra Digital Post")
    #expect(letter.language == "da")
    let safe = HTMLDocument(S.runSafe(try S.fixture("decision.granted.da.html")), sheets: &sheets)
    #expect(safe.printsInRun)
    // The form's body has a class that its style sheet selects (body.form).
    let form = HTMLDocument(S.runSafe(try S.fixture("form.prefilled.da.html")), sheets: &sheets)
    #expect(!form.printsInRun)
    let documents = [safe, safe, letter, safe, safe, safe, form, safe]
    #expect(ChromiumPool.runs(of: documents, limit: 2) == [[0, 1], [2], [3, 4], [5], [6], [7]])
  }

  @Test(.timeLimit(.minutes(4))) func aRunCutsIntoThePagesOfEachLetterAlone() throws {
    let pool = try ChromiumPool(size: 2)
    defer { pool.close() }
    // Eight letters (one of two pages among them), three to a print, and each printed alone.
    var letters = try S.letters.map { S.runSafe(try S.fixture($0)) }
    letters += letters.reversed()
    let long = String(decoding: letters[0], as: UTF8.self).replacingOccurrences(
      of: "<h2>", with: "<p>" + String(repeating: "Et langt brev. ", count: 400) + "</p><h2>")
    letters[5] = Data(long.utf8)
    let inRuns = try pool.print(documents: letters, options: PDFOptions(date: S.date, documentsPerCall: 3))
    let alone = try pool.print(documents: letters, options: PDFOptions(date: S.date, documentsPerCall: 1))
    #expect(inRuns.count == letters.count)
    #expect(try PDFPages.count(inRuns[5]) >= 2)
    for (index, (cut, single)) in zip(inRuns, alone).enumerated() {
      #expect(try PDFPages.count(cut) == PDFPages.count(single), "letter \(index)")
      #expect(try S.text(cut) == S.text(single), "letter \(index)")
      let info = try S.info(cut)
      #expect(S.field("Tagged", in: info) == "yes")
      #expect(S.field("Title", in: info) == S.field("Title", in: try S.info(single)))
      #expect(try S.check(cut) == 0)
      // Only its own pages are in the file, not merely in its page tree.
      let objects = try S.objects(cut)
      let pageObjects = objects.components(separatedBy: "/Type /Page\n").count - 1
      #expect(pageObjects == (try PDFPages.count(cut)), "letter \(index)")
      #expect(!objects.contains("/Dests"))
    }
  }
}
