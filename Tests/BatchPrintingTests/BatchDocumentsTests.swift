import DigitalPost
import Foundation
import PostDeskTestSupport
import Testing
import XMLTemplates

@testable import BatchPrinting

/// The print order and the MeMo message, written from the batch's own templates, with every
/// optional part: each is valid against its receiver's schema, and its texts are escaped.
@Suite("letters print: print orders and MeMo messages")
struct BatchDocumentsTests {
  typealias S = BatchTestSupport

  let cpr = try! CPRNumber(parsing: "1403823518")
  let date = CivilDate(year: 2026, month: 11, day: 30)!

  func order(_ address: PostalAddress, enclosures: [PrintOrderWriter.Enclosure] = [], name: String = "Anders <Holm>")
    throws -> String
  {
    let bytes = try PrintOrderWriter.order(
      sendingID: "a6d52df4c8ceeaed-000015", recipient: cpr, name: name, address: address, title: "Brev & svar",
      date: date, uuid: "A4357FE4-297F-415E-A260-8CA7BAE6E3CB", content: Array("%PDF-1.5".utf8), format: .pdf,
      enclosures: enclosures, settings: BatchPrintSettings())
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func printOrdersWithEveryOptionalPartAreValid() throws {
    let schema = try XMLSchema(path: S.fjernprintSchema)
    let structured = try order(
      .danish(
        DanishAddress(
          coName: "Hansen & Co", street: "Søndergade", building: "12B", floor: "2", door: "tv", postcode: "8000",
          city: "Aarhus C")),
      enclosures: [.init(name: "Bilag <1>.pdf", base64: "QUJD"), .init(name: "Bilag 2.pdf", base64: "REVG")])
    #expect(schema.validate(xml: structured) == [])
    let address = """
            <itst:PersonName>Anders &lt;Holm&gt;</itst:PersonName>
            <fjernprint:CoNavn>Hansen &amp; Co</fjernprint:CoNavn>
            <dkcc2005:StreetName>Søndergade</dkcc2005:StreetName>
            <dkcc:StreetBuildingIdentifier>12B</dkcc:StreetBuildingIdentifier>
            <dkcc:FloorIdentifier>2</dkcc:FloorIdentifier>
            <dkcc:SuiteIdentifier>tv</dkcc:SuiteIdentifier>
            <dkcc2005:PostCodeIdentifier>8000</dkcc2005:PostCodeIdentifier>
            <dkcc:CountryIdentificationCode scheme="iso3166-alpha2">DK</dkcc:CountryIdentificationCode>
          </fjernprint:ModtagerAdresse>

      """
    #expect(structured.contains(address))
    #expect(structured.contains("<dkal:MeddelelseIndholdData>JVBERi0xLjU=</dkal:MeddelelseIndholdData>"))
    #expect(structured.contains("<fjernprint:BilagNavn>Bilag &lt;1&gt;.pdf</fjernprint:BilagNavn>"))
    #expect(structured.contains("<sd:UUIDIdentifikator>a4357fe4-297f-415e-a260-8ca7bae6e3cb</sd:UUIDIdentifikator>"))
    let foreign = try order(
      .foreign(ForeignAddress(lines: ["Hauptstraße 5", "10115 Berlin", "3", "4", "5", "6", "7"], countryCode: "de")))
    #expect(schema.validate(xml: foreign) == [])
    let lines = """
            <dkcc2005-3:PostalAddressSixthLineText>6</dkcc2005-3:PostalAddressSixthLineText>
            <dkcc:CountryIdentificationCode scheme="iso3166-alpha2">DE</dkcc:CountryIdentificationCode>

      """
    #expect(foreign.contains(lines))
    #expect(!foreign.contains("BilagSamling"))
    #expect(schema.validate(xml: try order(.none)) == [])
  }

  @Test func aNameXMLCannotHoldIsRefusedNotWritten() {
    let error = #expect(throws: TemplateError.self) {
      try order(.none, name: "Bell \u{7}")
    }
    #expect(error?.description.contains("name holds U+0007, a character XML does not allow") == true)
  }

  @Test func memoMessagesWithAdditionalDocumentsAreValid() throws {
    let schema = try XMLSchema(path: S.memoSchema)
    let pdf = MeMoLetter.File(encodingFormat: "application/pdf", filename: "a & b.pdf", language: "da", content: "QUJD")
    let text = MeMoLetter.File(encodingFormat: "text/plain", filename: "c.txt", language: "en", content: "REVG")
    let bytes = try MeMoWriter.message(
      uuid: "18da4ca3-8a38-4f03-8385-3576d3018fcb", label: "Svar <nu>", senderID: "55133018", senderIDType: "CVR",
      senderLabel: "Borgerservice Aarhus", recipient: cpr, created: "2026-11-30T00:00:00Z", main: [pdf],
      additional: [[pdf, text], [text]])
    let message = String(decoding: bytes, as: UTF8.self)
    #expect(schema.validate(xml: message) == [])
    #expect(message.components(separatedBy: "<memo:AdditionalDocument>").count == 3)
    #expect(message.contains("<memo:label>Svar &lt;nu&gt;</memo:label>"))
    #expect(message.contains("<memo:filename>a &amp; b.pdf</memo:filename>"))
  }
}
