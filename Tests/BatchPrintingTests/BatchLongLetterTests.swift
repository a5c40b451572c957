import BatchPrinting
import Foundation
import PostDeskTestSupport
import Registry
import Testing

/// A hostile mailing for the PDF batch: one letter of some 1,600 pages among good ones is
/// rejected by its number, in bounded time, and the others are printed and journaled.
@Suite("letters print: a letter over --max-pages", .serialized)
final class BatchLongLetterTests {
  typealias S = BatchTestSupport
  let dir: String
  let registry: Registry

  init() throws {
    dir = try S.temporaryFolder("long-letter")
    registry = try S.registry(at: "\(dir)/registry.sqlite")
  }

  deinit { try? FileManager.default.removeItem(atPath: dir) }

  /// The sample mailing's 13 letters with letter 5 replaced by one of 770 KB of paragraphs.
  func hostileMailing() throws -> String {
    var lines = try String(contentsOfFile: S.mailing, encoding: .utf8).split(separator: "\n").map(String.init)
    let text = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 12)
    let paragraphs = (0..<1100).map { "\"\($0) \(text)\"" }.joined(separator: ", ")
    lines[4] =
      #"{"recipient": "050531-3216", "template": "letter", "lang": "da", "date": "2026-11-23", "sender": {"name": "Borgerservice Aarhus", "street": "Rådhuspladsen 2", "postcode": "8000", "city": "Aarhus C", "cvr": "55133018"}, "fields": {"reference": "BS-1", "subject": "Lang", "paragraphs": [\#(paragraphs)]}}"#
    let path = "\(dir)/hostile.jsonl"
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test(.timeLimit(.minutes(4))) func aLetterOverTheLimitIsRejectedAndTheOthersPrinted() throws {
    let mailing = try hostileMailing()
    var options = S.options([mailing], "\(dir)/out")
    options.format = .pdf
    let started = Date()
    let summary = try BatchPrinter(registry: registry, options: options).run()
    #expect(Date().timeIntervalSince(started) < 180)
    #expect(summary.letters == 13)
    // The sample's own three rejects, and letter 5.
    #expect(summary.rejected == 4)
    let rejects = S.rows("\(dir)/out/rejects.csv")
    #expect(rejects.count == 4)
    #expect(
      rejects.first == "5,\(mailing):5,the letter has more than 50 pages; a letter may have at most 50 (--max-pages)")
    // The good letters to paper are printed, each a PDF of a page or two.
    let files = S.files("\(dir)/out")
    let pdfs = files.keys.filter { $0.hasPrefix("print/") && $0.hasSuffix(".pdf") }
    #expect(pdfs.count >= 3)
    #expect(!files.keys.contains { $0.contains("000005") })
  }
}
