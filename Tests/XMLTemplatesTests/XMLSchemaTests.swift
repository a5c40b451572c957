import Foundation
import Testing

@testable import XMLTemplates

/// XSD validation with libxml2 against the two schemas PostDesk writes.
@Suite struct XMLSchemaTests {
  static let fjernprint = Fixtures.schemas + "/fjernprint/ForsendelseI-xmllint.xsd"
  static let memo = Fixtures.schemas + "/memo-1.2/MeMo_core.xsd"
  static let examples = Fixtures.schemas + "/examples/"

  private func example(_ name: String) throws -> String {
    let data = try #require(FileManager.default.contents(atPath: Self.examples + name))
    return String(decoding: data, as: UTF8.self)
  }

  @Test func examplesValidate() throws {
    #expect(try XMLSchema(path: Self.fjernprint).validate(xml: example("ForsendelseI_Minimal.xml")) == [])
    #expect(try XMLSchema(path: Self.memo).validate(xml: example("MeMo_Minimum_Example.xml")) == [])
  }

  @Test func brokenDocumentGivesLocatedErrors() throws {
    let broken = try example("MeMo_Minimum_Example.xml")
      .replacingOccurrences(of: "<memo:idType>CPR</memo:idType>", with: "<memo:idType>CPR</memo:idType><memo:x/>")
      .replacingOccurrences(of: "2024-05-03T12:00:00Z", with: "yesterday")
    let errors = try XMLSchema(path: Self.memo).validate(xml: broken)
    #expect(
      errors == [
        "14:34: Element '{https://DigitalPost.dk/MeMo-1}x': This element is not expected. Expected is one of "
          + "( {https://DigitalPost.dk/MeMo-1}idTypeLabel, {https://DigitalPost.dk/MeMo-1}label, "
          + "{https://DigitalPost.dk/MeMo-1}AttentionData, {https://DigitalPost.dk/MeMo-1}ContactPoint ).",
        "18:3: Element '{https://DigitalPost.dk/MeMo-1}createdDateTime': 'yesterday' is not a valid value of "
          + "the atomic type '{https://data.gov.dk/model/dataTypes/}memoDateTimeType'.",
      ])
  }

  @Test func malformedDocumentGivesParseErrors() throws {
    let errors = try XMLSchema(path: Self.fjernprint).validate(xml: "<a>\n<b></a>")
    #expect(
      errors == [
        "2:8: Opening and ending tag mismatch: b line 2 and a (close every element in the order it was opened)",
        "2:8: Premature end of data in tag a line 1",
      ])
  }

  @Test func renderedPrintOrderValidates() throws {
    let template = try Template.compile(
      xml: """
        <f:ForsendelseI xmlns:f="urn:oio:fjernprint:1.0.0" xmlns:t="urn:postdesk:template" \
        xmlns:dkal="urn:oio:dkal:1.0.0"><f:AfsendelseIdentifikator t:text="id">X</f:AfsendelseIdentifikator>\
        <dkal:FilformatNavn>pdf</dkal:FilformatNavn><dkal:MeddelelseIndholdData t:text="pdf">AA==</dkal:MeddelelseIndholdData>\
        <f:DokumentParametre/></f:ForsendelseI>
        """, path: "order.xml")
    let xml = try template.render(TemplateValue.object(["id": "A<&>1", "pdf": "VGhpcyBpcyBhIHRlc3Q="]), mode: .xml)
    #expect(try XMLSchema(path: Self.fjernprint).validate(xml: xml) == [])
  }

  @Test func unreadableSchemaIsAnError() {
    #expect(throws: XMLParseError.self) { try XMLSchema(path: "/nonexistent.xsd") }
  }
}
