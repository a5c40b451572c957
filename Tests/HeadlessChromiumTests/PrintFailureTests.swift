import Foundation
import Testing

@testable import HeadlessChromium

/// What one document cannot do to the others: a document longer than the limit is refused
/// by itself without being printed whole, and the others of its run come out as if it had not
/// been there; a renderer that crashes under a print is noticed at once, not after the timeout.
@Suite("print failures", .serialized)
struct PrintFailureTests {
  typealias S = TestSupport

  /// An HTML document of `paragraphs` paragraphs of text.
  static func long(_ paragraphs: Int) -> Data {
    let text = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 12)
    let body = (0..<paragraphs).map { "<p>\($0) \(text)</p>" }.joined()
    return Data(
      "<!DOCTYPE html><html lang=\"da\"><head><title>Lang</title><style>@page { size: A4; margin: 20mm }</style>"
        .utf8) + Data("</head><body>\(body)</body></html>".utf8)
  }

  @Test(.timeLimit(.minutes(3))) func aDocumentOverTheLimitIsRefusedAloneAndTheOthersPrintAsWithoutIt() throws {
    let pool = try ChromiumPool(size: 1)
    defer { pool.close() }
    let letter = S.runSafe(try S.fixture("decision.granted.da.html"))
    // The same letter with some 1,600 pages more (the whole would take minutes to print): the
    // same style sheet, so that it shares a run with the others.
    let text = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 12)
    let paragraphs = (0..<8000).map { "<p>\($0) \(text)</p>" }.joined()
    let hostile = Data(
      String(decoding: letter, as: UTF8.self).replacingOccurrences(of: "</body>", with: paragraphs + "</body>").utf8)
    let options = PDFOptions(date: S.date, maxPages: 50)
    let started = Date()
    let results = try pool.printEach(groups: [[letter, hostile, letter]], options: options)[0]
    #expect(Date().timeIntervalSince(started) < 90)
    #expect(results.count == 3)
    guard case .failure(let error) = results[1] else {
      Issue.record("the long document printed")
      return
    }
    #expect(error == .tooLong(limit: 50))
    #expect(error.description == "The document has more than 50 pages.")
    let without = try pool.printEach(groups: [[letter, letter]], options: options)[0]
    #expect(try results[0].get().pdf == without[0].get().pdf)
    #expect(try results[2].get().pdf == without[1].get().pdf)
    // A document of exactly the limit prints whole.
    let fifty = try pool.printEach(groups: [[Self.long(100)]], options: PDFOptions(date: S.date, maxPages: 500))[0]
    #expect(try fifty[0].get().pages > 1)
  }

  /// The renderers of the browser `browser` (its process group).
  static func renderers(of browser: Int32) -> [Int32] {
    S.members(ofGroup: browser).filter { pid in
      let command = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
      return String(decoding: command, as: UTF8.self).contains("--type=renderer")
    }
  }

  @Test(.timeLimit(.minutes(2))) func aRendererKilledMidPrintIsNoticedAtOnceAndThePrintRetried() throws {
    // A timeout of five minutes: without the crash events, the print would wait it out.
    let pool = try ChromiumPool(size: 1, timeout: 300)
    defer { pool.close() }
    let document = Self.long(4000)
    let browser = pool.processIdentifier
    #expect(!Self.renderers(of: browser).isEmpty)
    let started = Date()
    // A thread of its own (the shared queues may be busy with other suites' work): half a
    // second into a print of some 800 pages, every renderer of the browser is killed.
    Thread.detachNewThread {
      usleep(500_000)
      for pid in Self.renderers(of: browser) { kill(pid, SIGKILL) }
    }
    let pdf = try pool.print(document: document, options: PDFOptions(date: S.date))
    #expect(Date().timeIntervalSince(started) < 60)
    #expect(try PDFPages.count(pdf) > 200)
    // Started anew: the old browser is gone.
    #expect(pool.processIdentifier != browser)
  }
}
