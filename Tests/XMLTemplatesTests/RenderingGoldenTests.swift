import Foundation
import Testing

@testable import XMLTemplates

/// Whole documents rendered from fixture templates, compared with golden files, in both modes.
@Suite struct RenderingGoldenTests {
  /// Each fixture exercises attributes and filters: the letters every one of t:text, t:if,
  /// t:unless, t:each, t:attr-NAME, t:remove, t:omit-tag, t:include and the four filters;
  /// each-if nested loops, per-item conditions and attribute removal; order namespaces and CDATA.
  static let cases: [(template: String, data: String, golden: String)] = [
    ("letter-da.xhtml", "letter.json", "letter-da"),
    ("letter-en.xhtml", "letter.json", "letter-en"),
    ("each-if.xhtml", "each-if.json", "each-if"),
    ("order.xml", "order.json", "order"),
  ]

  @Test(arguments: cases.indices, OutputMode.allCases)
  func rendersLikeTheGoldenFile(index: Int, mode: OutputMode) throws {
    let testCase = Self.cases[index]
    let template = try Template.compile(path: Fixtures.path(testCase.template), filters: userFilters)
    let output = try template.render(json: Fixtures.bytes(testCase.data), mode: mode)
    expectGolden(output, "\(testCase.golden).\(mode == .html ? "html" : "xml")")
  }

  @Test func rendersFromEncodableLikeFromJSON() throws {
    struct Address: Encodable {
      var street: String
      var postcode: String
      var city: String
    }
    struct Recipient: Encodable {
      var name: String
      var cpr: String
      var address: Address
    }
    struct Letter: Encodable {
      var subject: String
      var letterDate: String
      var municipality: String
      var recipient: Recipient
      var granted: Bool
      var reasons: [String]
      var caseClass: String
      var caseNumber: String
      var clerk: String?
      var centre: String
    }
    let letter = Letter(
      subject: "Afgørelse om fritagelse fra Digital Post", letterDate: "2026-11-22", municipality: "Aarhus Kommune",
      recipient: Recipient(
        name: "Søren <Ærø> & Østergård", cpr: "0101904321",
        address: Address(street: "Åboulevarden 1, 2. th.", postcode: "8000", city: "Aarhus C")),
      granted: true, reasons: ["Sproglige barrierer", "Kognitiv funktionsnedsættelse"], caseClass: "case \"granted\"",
      caseNumber: "2026-0042", clerk: nil, centre: "Borgerservice Århus")
    let template = try Template.compile(path: Fixtures.path("letter-da.xhtml"), filters: userFilters)
    let fromJSON = try template.render(json: Fixtures.bytes("letter.json"))
    #expect(try template.render(letter) == fromJSON)
  }

  @Test func compilesFromTextWithIncludesRelativeToThePath() throws {
    let text = String(decoding: Fixtures.bytes("letter-da.xhtml"), as: UTF8.self)
    let template = try Template.compile(xml: text, path: Fixtures.path("letter-da.xhtml"), filters: userFilters)
    let fromFile = try Template.compile(path: Fixtures.path("letter-da.xhtml"), filters: userFilters)
    let data = Fixtures.bytes("letter.json")
    #expect(try template.render(json: data) == fromFile.render(json: data))
  }

  @Test func htmlModeWritesVoidAndEmptyElementsTheHTMLWay() throws {
    let template = try Template.compile(
      xml: """
        <html xmlns="http://www.w3.org/1999/xhtml"><body><br/><meta charset="utf-8"/><div/><p></p>\
        <script>if (a &lt; b) {}</script></body></html>
        """, path: "void.xhtml", filters: userFilters)
    let html = try template.render(TemplateValue.object([:]), mode: .html)
    #expect(
      html == """
        <!DOCTYPE html>
        <html><body><br><meta charset="utf-8"><div></div><p></p><script>if (a < b) {}</script></body></html>

        """)
    let xml = try template.render(TemplateValue.object([:]), mode: .xml)
    #expect(
      xml == """
        <?xml version="1.0" encoding="UTF-8"?>
        <html xmlns="http://www.w3.org/1999/xhtml"><body><br/><meta charset="utf-8"/><div/><p/>\
        <script>if (a &lt; b) {}</script></body></html>

        """)
  }
}
