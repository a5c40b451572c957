import Foundation
import Testing

@testable import HeadlessChromium

/// A print run cut into documents whose fonts carry only their own glyphs: each renders to the
/// same pixels and the same text as the cut with the run's whole fonts, and a rare letter of
/// one document is in no other document's fonts.
@Suite("font subsets of a print run", .serialized)
struct FontSubsetRunTests {
  typealias S = TestSupport

  /// The ToUnicode CMaps of a PDF's fonts, read with qpdf (QDF form, streams uncompressed).
  static func toUnicodeMaps(_ pdf: Data) throws -> [ToUnicodeMap] {
    let objects = try S.objects(pdf)
    return objects.components(separatedBy: "begincmap").dropFirst().map { part in
      ToUnicodeMap(Array(("begincmap" + part.components(separatedBy: "endcmap")[0] + "endcmap").utf8))
    }
  }

  static func characters(_ pdf: Data) throws -> Set<String> {
    var found = Set<String>()
    for map in try toUnicodeMaps(pdf) {
      for value in map.text.values {
        found.insert(
          String(
            decoding: stride(from: 0, to: value.count, by: 2).map { UInt16(value[$0]) << 8 | UInt16(value[$0 + 1]) },
            as: UTF16.self))
      }
    }
    return found
  }

  /// Each page of `pdf` rendered by poppler (150 dpi, grey), as bytes.
  static func pixels(_ pdf: Data) throws -> [Data] {
    try S.withFile(pdf) { path in
      let prefix = path + "-page"
      let result = try S.run("pdftoppm", ["-r", "150", "-gray", path, prefix])
      #expect(result.status == 0, "\(result.output)")
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
      let name = URL(fileURLWithPath: prefix).lastPathComponent
      let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(name) }
        .sorted()
      defer { for page in pages { try? FileManager.default.removeItem(at: folder.appendingPathComponent(page)) } }
      return try pages.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }
  }

  @Test(.timeLimit(.minutes(4))) func eachCutRendersAsBeforeWithOnlyItsOwnGlyphs() throws {
    var letters = try S.letters.map { S.runSafe(try S.fixture($0)) }
    // The second letter names Ğülşen Çelik; no other letter has a Ğ, ş or Ç.
    var second = String(decoding: letters[1], as: UTF8.self)
    second.replaceSubrange(second.range(of: "<h2>")!, with: "<p>Dear Ğülşen Çelik,</p><h2>")
    letters[1] = Data(second.utf8)
    for (index, letter) in letters.enumerated() where index != 1 {
      #expect(!String(decoding: letter, as: UTF8.self).contains { "ĞşÇ".contains($0) })
    }
    var sheets: [String: StyleFacts] = [:]
    let documents = letters.map { HTMLDocument($0, sheets: &sheets) }
    let anchors = documents.indices.map { "hc-doc-\($0)" }
    let chromium = try Chromium()
    defer { chromium.stop() }
    let run = try chromium.printPDF(html: HTMLDocument.run(documents) { anchors[$0] })
    let metadata = documents.map { PDFMetadata(title: $0.title, language: $0.language, date: "D:20261122000000Z") }
    let cuts = try PDFCutter.cutCounting(run, anchors: anchors, documents: metadata)
    let whole = try PDFCutter.cutCounting(run, anchors: anchors, documents: metadata, subsettingFonts: false)
    #expect(cuts.count == letters.count)
    for (index, (cut, before)) in zip(cuts, whole).enumerated() {
      #expect(try S.check(cut.pdf) == 0, "letter \(index)")
      #expect(try S.text(cut.pdf) == S.text(before.pdf), "letter \(index)")
      #expect(try Self.pixels(cut.pdf) == Self.pixels(before.pdf), "letter \(index)")
      #expect(cut.pdf.count < before.pdf.count, "letter \(index)")
      // Every font embedded, as a subset, with a ToUnicode map.
      let fonts = try S.fonts(cut.pdf).split(separator: "\n").dropFirst(2)
      #expect(!fonts.isEmpty)
      for font in fonts { #expect(font.contains("yes yes yes"), "letter \(index): \(font)") }
      let characters = try Self.characters(cut.pdf)
      if index == 1 {
        #expect(characters.isSuperset(of: ["Ğ", "ş", "Ç"]))
      } else {
        #expect(characters.isDisjoint(with: ["Ğ", "ş", "Ç"]), "letter \(index)")
        // The run's whole fonts would have told it (the defect this closes).
        #expect(try Self.characters(before.pdf).isSuperset(of: ["Ğ", "ş", "Ç"]), "letter \(index)")
      }
    }
  }
}
