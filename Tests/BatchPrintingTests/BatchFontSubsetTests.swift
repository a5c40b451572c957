import BatchPrinting
import DigitalPost
import Foundation
import PostDeskTestSupport
import Registry
import Testing

/// A PDF batch whose letters print in one run: each cut PDF's fonts carry the glyphs of its own
/// letter only, so a rare letter of another recipient's name is neither drawn in its font
/// program, nor in its character map, nor in its widths. Read with qpdf and poppler-utils, not
/// with the code that cuts.
@Suite("letters print: each PDF's fonts are its own", .serialized)
final class BatchFontSubsetTests {
  typealias S = BatchTestSupport
  let dir: String
  let registry: Registry

  /// Ğülşen Çelik, exempt, in København N; the other letters go to the sample registry's
  /// exempt Lars Jensen and Karen Møller.
  static let rareName = "Ğülşen Çelik"
  static let rareCPR = "150390-4410"

  init() throws {
    dir = try S.temporaryFolder("fonts")
    registry = try S.registry(at: "\(dir)/registry.sqlite")
    let header = try String(contentsOfFile: "\(S.root)/samples/citizens.csv", encoding: .utf8)
      .split(separator: "\n")[0]
    let csv = "\(dir)/citizen.csv"
    try "\(header)\n\(Self.rareCPR),\(Self.rareName),Nørrebrogade,12,,,2200,København N,,,,,,da,101,,\n"
      .write(toFile: csv, atomically: true, encoding: .utf8)
    let actor = AuditActor(clerk: "test", centre: "101", at: Date(timeIntervalSince1970: 1_767_225_600))
    let since = CivilDate(iso: "2026-01-01")!
    _ = try registry.importCitizens(csvPath: csv, effective: since, actor: actor)
    try registry.write(actor) { tx in
      try tx.startExemption(
        try CPRNumber(parsing: Self.rareCPR), since: since, criteria: [.noInternet], forEmigration: false,
        applicationID: nil, paperCopiesFrom: nil)
    }
  }

  deinit { try? FileManager.default.removeItem(atPath: dir) }

  /// An embedded Type0 font of a PDF: its ToUnicode CMap, widths and TrueType program.
  struct EmbeddedFont {
    /// The font's name without its subset tag (`LiberationSans-Bold`).
    var name: String
    var toUnicode: String
    var widths: String
    var program: [UInt8]

    /// The codes (glyph ids) whose text is `scalar` (four hexadecimal digits), by the CMap's
    /// `bfchar` (`<code> <text>`) and `bfrange` (`<first> <last> <text of first>`) lines.
    func codes(of scalar: String) -> [Int] {
      let wanted = Int(scalar, radix: 16)!
      return toUnicode.split(separator: "\n").compactMap { line in
        let parts = line.split(separator: " ").map { Int($0.dropFirst().dropLast(), radix: 16) }
        guard parts.allSatisfy({ $0 != nil }) else { return nil }
        if parts.count == 2, parts[1] == wanted { return parts[0] }
        if parts.count == 3, let first = parts[0], let last = parts[1], let text = parts[2],
          (text...text + last - first).contains(wanted)
        {
          return first + wanted - text
        }
        return nil
      }
    }

    /// Whether glyph `id` of the program has an outline (by `loca`).
    func hasOutline(_ id: Int) -> Bool {
      func u16(_ at: Int) -> Int { Int(program[at]) << 8 | Int(program[at + 1]) }
      func u32(_ at: Int) -> Int { u16(at) << 16 | u16(at + 2) }
      var tables: [String: Int] = [:]
      for index in 0..<u16(4) {
        let record = 12 + 16 * index
        tables[String(decoding: program[record..<record + 4], as: UTF8.self)] = u32(record + 8)
      }
      guard let head = tables["head"], let maxp = tables["maxp"], let loca = tables["loca"] else { return false }
      guard id < u16(maxp + 4) else { return false }
      if u16(head + 50) == 0 { return u16(loca + 2 * id) != u16(loca + 2 * id + 2) }
      return u32(loca + 4 * id) != u32(loca + 4 * id + 4)
    }

    /// The codes `/W` gives a width.
    var widthCodes: Set<Int> {
      var codes = Set<Int>()
      // `c [w w …]` runs, as Chromium and the cut write them.
      let pattern = try! NSRegularExpression(pattern: #"(\d+) \[([^\]]*)\]"#)
      let text = widths as NSString
      for match in pattern.matches(in: widths, range: NSRange(location: 0, length: text.length)) {
        let first = Int(text.substring(with: match.range(at: 1)))!
        let count = text.substring(with: match.range(at: 2)).split(separator: " ").count
        codes.formUnion(first..<first + count)
      }
      return codes
    }
  }

  /// The fonts of the PDF at `path`, found by `pdffonts` and read with qpdf.
  static func fonts(_ path: String) throws -> [EmbeddedFont] {
    func object(_ id: String) throws -> String {
      String(decoding: try Poppler.output("qpdf", ["--show-object=\(id)", path]), as: UTF8.self)
    }
    func reference(_ key: String, in object: String) -> String? {
      let pattern = try! NSRegularExpression(pattern: "/\(key) \\[? ?(\\d+) 0 R")
      let text = object as NSString
      guard let match = pattern.firstMatch(in: object, range: NSRange(location: 0, length: text.length)) else {
        return nil
      }
      return text.substring(with: match.range(at: 1))
    }
    let lines = try Poppler.run("pdffonts", [path]).split(separator: "\n").dropFirst(2)
    return try lines.map { line in
      let id = String(line.split(separator: " ").reversed()[1])
      let font = try object(id)
      let descendant = try #require(reference("DescendantFonts", in: font))
      let cidFont = try object(descendant)
      let descriptor = try object(try #require(reference("FontDescriptor", in: cidFont)))
      let program = try #require(reference("FontFile2", in: descriptor))
      let toUnicode = try #require(reference("ToUnicode", in: font))
      return EmbeddedFont(
        name: String(line.split(separator: " ")[0].split(separator: "+").last!),
        toUnicode: String(
          decoding: try Poppler.output("qpdf", ["--show-object=\(toUnicode)", "--filtered-stream-data", path]),
          as: UTF8.self),
        widths: cidFont,
        program: Array(try Poppler.output("qpdf", ["--show-object=\(program)", "--filtered-stream-data", path])))
    }
  }

  @Test(.timeLimit(.minutes(4))) func aRareLetterOfOneRecipientIsInNoOtherLettersFonts() throws {
    let sender =
      #"{"name": "Borgerservice Aarhus", "street": "Rådhuspladsen 2", "postcode": "8000", "city": "Aarhus C", "cvr": "55133018"}"#
    let lines = [Self.rareCPR, "020780-2743", "050531-3216"].map { recipient in
      #"{"recipient": "\#(recipient)", "template": "letter", "lang": "da", "date": "2026-11-23", "sender": \#(sender), "fields": {"reference": "BS-7", "subject": "Nye åbningstider", "paragraphs": ["Fra mandag."]}}"#
    }
    let mailing = "\(dir)/mailing.jsonl"
    try (lines.joined(separator: "\n") + "\n").write(toFile: mailing, atomically: true, encoding: .utf8)
    var options = S.options([mailing], "\(dir)/out")
    options.format = .pdf
    let summary = try BatchPrinter(registry: registry, options: options).run()
    #expect(summary.rejected == 0)
    #expect(summary.outcomes[.paper] == 3)
    let rare = "\(dir)/out/print/2200/000001.pdf"
    let other = "\(dir)/out/print/8000/000002.pdf"
    let third = "\(dir)/out/print/8700/000003.pdf"
    // One page each: printed in one run, whose fonts Chromium shares among them.
    for path in [rare, other, third] { #expect(try Poppler.run("pdfinfo", [path]).contains("Pages:           1")) }
    #expect(try Poppler.run("pdftotext", [rare, "-"]).contains(Self.rareName))
    #expect(try !Poppler.run("pdftotext", [other, "-"]).contains("Ğ"))

    let rareFonts = try Self.fonts(rare)
    // The code (glyph id) of each rare letter, in the font of the name.
    var codes: [String: (font: String, code: Int)] = [:]
    for scalar in ["011E", "015F", "00C7"] {
      let font = try #require(rareFonts.first { !$0.codes(of: scalar).isEmpty }, "U+\(scalar) in \(rare)")
      let code = font.codes(of: scalar)[0]
      codes[scalar] = (font.name, code)
      // (Its width may be the font's default, /DW, and so not in /W.)
      #expect(font.hasOutline(code))
    }
    for path in [other, third] {
      let fonts = try Self.fonts(path)
      #expect(!fonts.isEmpty)
      for font in fonts {
        for (scalar, (name, code)) in codes {
          #expect(font.codes(of: scalar).isEmpty, "U+\(scalar) in the ToUnicode map of \(path)")
          #expect(!font.toUnicode.contains("<\(scalar)>"), "U+\(scalar) in \(path)")
          // A glyph id names the same glyph in the same font (Chromium keeps the font's ids).
          guard font.name == name else { continue }
          #expect(!font.hasOutline(code), "the glyph of U+\(scalar) in \(path)")
          #expect(!font.widthCodes.contains(code), "the width of U+\(scalar)'s glyph in \(path)")
        }
      }
      #expect(try Poppler.run("pdffonts", [path]).contains("yes yes yes"))
    }
  }
}
