import BatchPrinting
import Foundation
import PostDeskTestSupport
import Registry
import Testing

/// A hostile mailing of MeMo letters to paper: each broken, encrypted, over-long, not-A4 or
/// font-missing enclosure rejects its letter by number with its reason; the good letters
/// are printed, the one with active content with its enclosure written anew without it.
@Suite("letters print: hostile enclosures")
final class BatchEnclosureTests {
  typealias S = BatchTestSupport
  typealias H = HostilePDF
  let dir: String
  let registry: Registry

  init() throws {
    dir = try S.temporaryFolder("enclosures")
    registry = try S.registry(at: "\(dir)/registry.sqlite")
  }

  deinit { try? FileManager.default.removeItem(atPath: dir) }

  /// The sample MeMo message with a PDF main document, its enclosure `vejledning.pdf` replaced
  /// by `pdf`, and a UUID of its own.
  func message(_ pdf: [UInt8], named name: String, in folder: String) throws {
    let text = try String(contentsOfFile: "\(S.memoFolder)/03-pdf-with-enclosure.xml", encoding: .utf8)
    let edited = text.replacingOccurrences(
      of: #"(<memo:filename>vejledning.pdf</memo:filename>\s*<memo:language>da</memo:language>\s*<memo:content>)[^<]*"#,
      with: "$1" + Data(pdf).base64EncodedString(), options: .regularExpression
    )
    // A message of its own: its UUID ends in the digits of its name.
    .replacingOccurrences(
      of: "8C7FADA847DA", with: String(format: "%012d", Int(name.prefix { $0.isNumber }) ?? 0))
    try edited.write(toFile: "\(folder)/\(name).xml", atomically: true, encoding: .utf8)
  }

  @Test(.timeLimit(.minutes(3))) func eachBadEnclosureRejectsItsLetterAndTheGoodOnesArePrinted() throws {
    let folder = "\(dir)/memo"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var cases: [(String, [UInt8])] = [("00-good", H.onePage())]
    for (index, (_, pdf)) in H.brokenTrees.enumerated() { cases.append(("0\(index + 1)-tree", pdf)) }
    cases += [
      ("07-pages", H.pages(100_000)), ("08-letter", H.usLetter), ("09-font", H.fontNotEmbedded),
      ("10-active", H.activeContent), ("11-bomb", H.inflateBomb(megabytes: 1024)),
    ]
    for (name, pdf) in cases { try message(pdf, named: name, in: folder) }
    let started = Date()
    var options = S.options([folder], "\(dir)/out")
    options.checkpointEvery = 3
    let summary = try BatchPrinter(registry: registry, options: options).run()
    #expect(Date().timeIntervalSince(started) < 120)
    #expect(summary.letters == 12)
    #expect(summary.rejected == 10)
    let rejects = S.rows("\(dir)/out/rejects.csv")
    let expected = [
      (2, "has no page tree (/Pages is missing)"),
      (3, "has a broken page tree (/Pages is a array, not a dictionary)"),
      (4, "has a broken page tree (a kid that is a integer)"),
      (5, "has a broken page tree (a kid that points at no object)"),
      (6, "has a broken page tree (a loop: object 2 is its own ancestor or appears twice)"),
      (7, "has no pages"),
      (8, "has more than 50 pages; a letter may have at most 50 (--max-pages)"),
      (9, "has a page of 216 x 279 mm (page 1); the print shop prints A4 (210 x 297 mm)"),
      (10, "uses the font Helvetica without embedding it (page 1)"),
      (12, "has page content that does not decode (page 1"),
    ]
    #expect(rejects.count == expected.count, "\(rejects)")
    for (number, reason) in expected {
      #expect(
        rejects.contains { $0.hasPrefix("\(number),") && $0.contains("the enclosure vejledning.pdf \(reason)") },
        "letter \(number): \(rejects)")
    }
    // The good letters are printed; the enclosure with active content is written anew without it.
    let orders = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/out/print/6700").filter {
      $0.hasSuffix(".xml")
    }.sorted()
    #expect(orders == ["000001.xml", "000011.xml"])
    let order = try String(contentsOfFile: "\(dir)/out/print/6700/000011.xml", encoding: .utf8)
    let enclosures = order.components(separatedBy: "<dkal:VedhaeftningIndholdData>").dropFirst().map {
      Data(base64Encoded: $0.components(separatedBy: "<")[0]) ?? Data()
    }
    #expect(enclosures.count == 2)
    let cleaned = String(decoding: enclosures.last ?? Data(), as: UTF8.self)
    #expect(cleaned.hasPrefix("%PDF-"))
    for word in ["/JavaScript", "/OpenAction", "/Launch", "/EmbeddedFile", "evil.exe"] {
      #expect(!cleaned.contains(word), "\(word) went to the print shop")
    }
  }
}
