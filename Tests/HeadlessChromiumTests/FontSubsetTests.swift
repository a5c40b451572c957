import Foundation
import Testing

@testable import HeadlessChromium

/// The parts that cut a print run's fonts to one document: the TrueType subsetter (on Liberation
/// Sans, the templates' font, from Debian's fonts-liberation that `make test-deps` installs),
/// the ToUnicode CMap and the content-stream scanner.
@Suite("font subsets")
struct FontSubsetTests {
  static let fontPath = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"

  static func font() throws -> [UInt8] {
    let data = try #require(
      FileManager.default.contents(atPath: fontPath),
      "\(fontPath) is missing: install fonts-liberation (make test-deps)")
    return Array(data)
  }

  /// The glyph of `character` in `font`, by its own cmap.
  static func glyph(_ character: Character, in font: [UInt8]) throws -> UInt16 {
    let cmap = try #require(try TrueTypeSubset.directory(font)["cmap"])
    let scalar = character.unicodeScalars.first!.value
    return try #require(TrueTypeSubset.mappings(cmap).first { $0.0 == scalar }?.1, "no glyph for \(character)")
  }

  /// The outline bytes of every glyph of `font`, by glyph id.
  static func outlines(_ font: [UInt8]) throws -> [ArraySlice<UInt8>] {
    let tables = try TrueTypeSubset.directory(font)
    let head = try #require(tables["head"])
    let loca = try #require(tables["loca"])
    let glyf = try #require(tables["glyf"])
    let count = Int(
      UInt16(tables["maxp"]![4 + tables["maxp"]!.startIndex]) << 8
        | UInt16(tables["maxp"]![5 + tables["maxp"]!.startIndex]))
    let long = head[head.startIndex + 51] != 0
    func at(_ index: Int) -> Int {
      let base = loca.startIndex + index * (long ? 4 : 2)
      if long { return loca[base..<base + 4].reduce(0) { $0 << 8 | Int($1) } }
      return (Int(loca[base]) << 8 | Int(loca[base + 1])) * 2
    }
    return (0..<count).map { glyf[glyf.startIndex + at($0)..<glyf.startIndex + at($0 + 1)] }
  }

  @Test func aSubsetKeepsItsGlyphsByteForByteAndNothingElse() throws {
    let font = try Self.font()
    let keep = try Set("Aø".map { try Self.glyph($0, in: font) })
    let other = try Self.glyph("ğ", in: font)
    let subset = try TrueTypeSubset.subset(font, keeping: keep)
    let before = try Self.outlines(font)
    let after = try Self.outlines(subset)
    // Glyph ids stay; the font ends at its last kept glyph.
    #expect(after.count == Int(keep.max()!) + 1)
    for glyph in keep.union([0]) {
      #expect(Array(after[Int(glyph)]) == Array(before[Int(glyph)]), "glyph \(glyph)")
      #expect(!after[Int(glyph)].isEmpty)
    }
    // Every other glyph is empty, but the components of a kept composite.
    var components = Set<Int>()
    for glyph in keep { components.formUnion(try TrueTypeSubset.components(of: before[Int(glyph)])) }
    for glyph in 0..<after.count where !keep.contains(UInt16(glyph)) && glyph != 0 {
      #expect(after[glyph].isEmpty == !components.contains(glyph), "glyph \(glyph)")
    }
    #expect(other >= after.count || after[Int(other)].isEmpty)
    // Its character map names only the kept glyphs' characters.
    let cmap = try #require(try TrueTypeSubset.directory(subset)["cmap"])
    let characters = Set(TrueTypeSubset.mappings(cmap).map(\.0))
    #expect(characters.isSuperset(of: [0x41, 0xF8]))
    #expect(!characters.contains(0x11F))
    #expect(characters.count <= 4)
    // No table lists glyphs by name or layout, and the checksums are whole.
    let tags = Set(try TrueTypeSubset.directory(subset).keys)
    #expect(tags.isSubset(of: TrueTypeSubset.keptTables))
    #expect(tags.isSuperset(of: ["glyf", "loca", "head", "hmtx", "maxp", "cmap"]))
    #expect(TrueTypeSubset.checksum(subset[...]) == 0xB1B0_AFBA)
  }

  @Test func aSubsetsBoundsAreThoseOfItsGlyphs() throws {
    let font = try Self.font()
    let glyph = try Self.glyph("a", in: font)
    let outline = try Self.outlines(font)[Int(glyph)]
    let subset = try TrueTypeSubset.subset(font, keeping: [glyph])
    let head = try #require(try TrueTypeSubset.directory(subset)["head"])
    let original = try #require(try TrueTypeSubset.directory(font)["head"])
    func word(_ bytes: ArraySlice<UInt8>, _ at: Int) -> Int16 {
      Int16(bitPattern: UInt16(bytes[bytes.startIndex + at]) << 8 | UInt16(bytes[bytes.startIndex + at + 1]))
    }
    // yMax: the glyph's own (or .notdef's, when taller), below the whole font's (Å, É reach higher).
    let notdef = try Self.outlines(font)[0]
    #expect(word(head, 42) == max(word(outline, 8), notdef.count >= 10 ? word(notdef, 8) : .min))
    #expect(word(head, 42) < word(original, 42))
  }

  @Test func aCompositeKeepsItsComponents() throws {
    let font = try Self.font()
    let outlines = try Self.outlines(font)
    // Liberation Sans draws accented capitals as composites of the letter and the accent.
    let composite = try #require(
      try "ÅÄÖÜÉÈ".map { try Self.glyph($0, in: font) }.first {
        !(try TrueTypeSubset.components(of: outlines[Int($0)])).isEmpty
      }, "no composite glyph in \(Self.fontPath)")
    let parts = try TrueTypeSubset.components(of: outlines[Int(composite)])
    let subset = try Self.outlines(try TrueTypeSubset.subset(font, keeping: [composite]))
    for part in parts { #expect(Array(subset[part]) == Array(outlines[part]), "component \(part)") }
  }

  @Test func aToUnicodeMapIsCutToItsCodes() throws {
    let cmap = """
      /CIDInit /ProcSet findresource begin 12 dict begin begincmap
      /CMapName /Adobe-Identity-UCS def /CMapType 2 def
      1 begincodespacerange <0000> <FFFF> endcodespacerange
      2 beginbfchar
      <0003> <0020>
      <0152> <011F>
      endbfchar
      2 beginbfrange
      <0024> <0026> <0041>
      <0044> <0045> [<0061> <00660066>]
      endbfrange
      endcmap
      """
    let map = ToUnicodeMap(Array(cmap.utf8))
    #expect(map.text[0x0152] == [0x01, 0x1F])
    #expect(map.text[0x0026] == [0x00, 0x43])
    #expect(map.text[0x0045] == [0x00, 0x66, 0x00, 0x66])
    let cut = map.cmap(for: [0x0003, 0x0025, 0x0045, 0x0999])
    let text = String(decoding: cut, as: UTF8.self)
    #expect(!text.contains("011F"))
    #expect(
      ToUnicodeMap(cut).text == [0x0003: [0x00, 0x20], 0x0025: [0x00, 0x42], 0x0045: [0x00, 0x66, 0x00, 0x66]])
  }

  @Test func theScannerFindsEveryStringShownAndInWhichFont() throws {
    let content = """
      q BT /F1 12 Tf (a\\(b\\)\\101) Tj <00 4 1> Tj ET Q
      % a comment (not shown) Tj
      BT /F2 9.5 Tf [<0001> -20 (x) 3] TJ q /F1 8 Tf (y) ' Q 1 2 (z) " ET
      BI /W 1 /H 1 /BPC 8 /CS /G ID \u{1}(no) Tj EI
      /Fm0 Do /F#31 1 Tf
      """
    var events: [String] = []
    Array(content.utf8).withUnsafeBufferPointer { buffer in
      ContentScanner.scan(buffer) { event in
        switch event {
        case .save: events.append("q")
        case .restore: events.append("Q")
        case .font(let name): events.append("font \(name)")
        case .show(let bytes): events.append("show " + bytes.map { String(format: "%02X", $0) }.joined())
        case .draw(let name): events.append("draw \(name)")
        }
      }
    }
    #expect(
      events == [
        "q", "font F1", "show 6128622941", "show 0041", "Q", "font F2", "show 0001", "show 78", "q", "font F1",
        "show 79", "Q", "show 7A", "draw Fm0", "font F1",
      ])
  }
}
