import DigitalPost
import Foundation
import PostDesk
import XMLTemplates

/// How the print shop is to print and post the letters of a batch: the OIO Fjernprint codes,
/// each the closed set of words its schema allows (`schemas/fjernprint/`).
public struct BatchPrintSettings: Sendable, Hashable {
  /// `PostKategoriKode`: how the letters are posted.
  public enum PostCategory: String, CaseIterable, Sendable {
    case prioritaire = "Prioritaire"
    case economique = "Economique"
    case bulk = "Bulk"
    case rekommanderet = "Rekommanderet"
    case rekommanderetMedModtagerbevis = "Rekommanderet med modtagerbevis"
    case forkyndelse = "Forkyndelse"
  }

  /// `KuvertTypeKode`: the envelope.
  public enum Envelope: String, CaseIterable, Sendable {
    case c4 = "C4"
    case c5 = "C5"
    case ma = "MA"
  }

  /// `SimplexDuplexKode`: one side of the paper or both.
  public enum Sides: String, CaseIterable, Sendable {
    case simplex = "Simplex"
    case duplex = "Duplex"
  }

  /// `FarveSHKode`: black and white (SH) or colour.
  public enum Colour: String, CaseIterable, Sendable {
    case blackAndWhite = "SH"
    case colour = "Farve"
  }

  /// How the letters are posted; economy post by default.
  public var postCategory: PostCategory
  /// The layout is A4 for a C5 window envelope (see `templates/layout.xhtml`), so C5 by default.
  public var envelope: Envelope
  /// Whether the letters are printed on one side of the paper or both; both by default.
  public var sides: Sides
  /// Whether the letters are printed in black and white or in colour; black and white by default.
  public var colour: Colour

  /// The defaults: economy post, C5 window envelope, both sides, black and white.
  public init(
    postCategory: PostCategory = .economique, envelope: Envelope = .c5, sides: Sides = .duplex,
    colour: Colour = .blackAndWhite
  ) {
    self.postCategory = postCategory
    self.envelope = envelope
    self.sides = sides
    self.colour = colour
  }
}

/// Writes one OIO Fjernprint `ForsendelseI` print order (namespace urn:oio:fjernprint:1.0.0).
enum PrintOrderWriter {
  static let fjernprint = "urn:oio:fjernprint:1.0.0"

  /// A PDF enclosure travelling with the letter (`Bilag`), its content already base64.
  struct Enclosure {
    var name: String
    var base64: String
  }

  /// The print order for one letter: the letter as content in `format`, the recipient's
  /// address structured when it fits the DKCC types, else as lines.
  static func order(
    sendingID: String, recipient: CPRNumber, name: String, address: PostalAddress, title: String, date: CivilDate,
    uuid: String, content: [UInt8], format: DocumentFormat, enclosures: [Enclosure], settings: BatchPrintSettings
  ) -> [UInt8] {
    let x = XMLEscaping.attribute
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <fjernprint:ForsendelseI xmlns:fjernprint="urn:oio:fjernprint:1.0.0" xmlns:dkal="urn:oio:dkal:1.0.0" \
      xmlns:adir="urn:oio:adir:dagpenge:2009.07.01" xmlns:itst="http://rep.oio.dk/itst.dk/xml/schemas/2006/01/17/" \
      xmlns:dkcc="http://rep.oio.dk/ebxml/xml/schemas/dkcc/2003/02/13/" \
      xmlns:dkcc2005="http://rep.oio.dk/ebxml/xml/schemas/dkcc/2005/03/15/" \
      xmlns:dkcc2005-3="http://rep.oio.dk/ebxml/xml/schemas/dkcc/2005/05/19/" xmlns:sd="urn:oio:sagdok:3.0.0">
        <fjernprint:AfsendelseIdentifikator>\(x(sendingID))</fjernprint:AfsendelseIdentifikator>
        <fjernprint:ForsendelseModtager>
          <dkal:AfsendelseModtager>
            <adir:CPRnummerIdentifikator>\(recipient.digits)</adir:CPRnummerIdentifikator>
          </dkal:AfsendelseModtager>
          <fjernprint:ModtagerAdresse>
            <itst:PersonName>\(x(String(name.prefix(130))))</itst:PersonName>

      """
    out += addressElements(address)
    out += """
          </fjernprint:ModtagerAdresse>
        </fjernprint:ForsendelseModtager>
        <dkal:FilformatNavn>\(format.fileFormatName)</dkal:FilformatNavn>
        <dkal:MeddelelseIndholdData>
      """
    // The letter itself, base64, straight into the bytes: it is most of the order.
    var bytes = Array(out.utf8)
    bytes.reserveCapacity(bytes.count + (content.count + 2) / 3 * 4 + 1024)
    bytes.append(contentsOf: Data(content).base64EncodedData())
    out = """
      </dkal:MeddelelseIndholdData>
        <fjernprint:DokumentParametre>
          <sd:TitelTekst>\(x(title))</sd:TitelTekst>
          <sd:UUIDIdentifikator>\(uuid.lowercased())</sd:UUIDIdentifikator>
          <sd:BrevDato>\(date.iso)</sd:BrevDato>
        </fjernprint:DokumentParametre>
        <fjernprint:PrintParametre>
          <fjernprint:SimplexDuplexKode>\(settings.sides.rawValue)</fjernprint:SimplexDuplexKode>
          <fjernprint:FarveSHKode>\(settings.colour.rawValue)</fjernprint:FarveSHKode>
          <fjernprint:KuvertTypeKode>\(settings.envelope.rawValue)</fjernprint:KuvertTypeKode>
        </fjernprint:PrintParametre>
        <fjernprint:PostParametre>
          <fjernprint:PostKategoriKode>\(settings.postCategory.rawValue)</fjernprint:PostKategoriKode>
        </fjernprint:PostParametre>

      """
    if !enclosures.isEmpty {
      out += "  <fjernprint:BilagSamling>\n"
      for (index, enclosure) in enclosures.prefix(100).enumerated() {
        out += """
              <fjernprint:Bilag>
                <fjernprint:BilagNavn>\(x(String(enclosure.name.prefix(300))))</fjernprint:BilagNavn>
                <dkal:FilformatNavn>PDF</dkal:FilformatNavn>
                <fjernprint:BilagSorteringsIndeksIdentifikator>\(index + 1)</fjernprint:BilagSorteringsIndeksIdentifikator>
                <dkal:VedhaeftningIndholdData>\(enclosure.base64)</dkal:VedhaeftningIndholdData>
              </fjernprint:Bilag>

          """
      }
      out += "  </fjernprint:BilagSamling>\n"
    }
    out += "</fjernprint:ForsendelseI>\n"
    bytes += out.utf8
    return bytes
  }

  /// The address inside `ModtagerAdresse`: structured when every part fits its DKCC type,
  /// else as at most six lines of at most 34 characters with the postal code; foreign
  /// addresses as lines with their ISO 3166 alpha-2 country code.
  static func addressElements(_ address: PostalAddress) -> String {
    let x = XMLEscaping.attribute
    let indent = "      "
    switch address {
    case .danish(let a) where fitsStructured(a):
      var out = ""
      if let co = a.coName { out += "\(indent)<fjernprint:CoNavn>\(x(co))</fjernprint:CoNavn>\n" }
      out += "\(indent)<dkcc2005:StreetName>\(x(a.street))</dkcc2005:StreetName>\n"
      out += "\(indent)<dkcc:StreetBuildingIdentifier>\(x(a.building))</dkcc:StreetBuildingIdentifier>\n"
      if let floor = a.floor { out += "\(indent)<dkcc:FloorIdentifier>\(x(floor))</dkcc:FloorIdentifier>\n" }
      if let door = a.door { out += "\(indent)<dkcc:SuiteIdentifier>\(x(door))</dkcc:SuiteIdentifier>\n" }
      out += "\(indent)<dkcc2005:PostCodeIdentifier>\(a.postcode)</dkcc2005:PostCodeIdentifier>\n"
      out += "\(indent)<dkcc:CountryIdentificationCode scheme=\"iso3166-alpha2\">DK</dkcc:CountryIdentificationCode>\n"
      return out
    case .danish(let a):
      let lines = EnvelopeAddress.lines(.danish(a), in: .da).dropLast()
      let postcode = a.postcode.allSatisfy(\.isNumber) && a.postcode.count == 4 ? a.postcode : nil
      return addressLines(Array(lines), postcode: postcode, country: "DK")
    case .foreign(let a):
      return addressLines(a.lines, postcode: nil, country: a.countryCode)
    case .none:
      return addressLines(["(no address)"], postcode: nil, country: "DK")
    }
  }

  private static let lineNames = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]

  private static func addressLines(_ lines: [String], postcode: String?, country: String) -> String {
    let x = XMLEscaping.attribute
    let indent = "      "
    var wrapped: [String] = []
    for line in lines {
      var rest = Substring(line)
      repeat {
        wrapped.append(String(rest.prefix(34)))
        rest = rest.dropFirst(34)
      } while !rest.isEmpty
    }
    if wrapped.isEmpty { wrapped = ["-"] }
    var out = ""
    for (index, line) in wrapped.prefix(6).enumerated() {
      let name = "dkcc2005-3:PostalAddress\(lineNames[index])LineText"
      out += "\(indent)<\(name)>\(x(line))</\(name)>\n"
    }
    if let postcode { out += "\(indent)<dkcc2005:PostCodeIdentifier>\(postcode)</dkcc2005:PostCodeIdentifier>\n" }
    let code = country.count == 2 && country.allSatisfy(\.isLetter) ? country.uppercased() : "DK"
    out +=
      "\(indent)<dkcc:CountryIdentificationCode scheme=\"iso3166-alpha2\">\(code)</dkcc:CountryIdentificationCode>\n"
    return out
  }

  /// Whether a Danish address fits the structured DKCC types (house number 1–999 with an
  /// optional capital letter, floor 1–99/st/kl/k2–k9, door of at most 4 characters).
  static func fitsStructured(_ a: DanishAddress) -> Bool {
    guard (1...40).contains(a.street.count), a.postcode.count == 4, a.postcode.allSatisfy(\.isASCII),
      a.postcode.allSatisfy(\.isNumber), isBuilding(a.building)
    else { return false }
    if let floor = a.floor, !isFloor(floor) { return false }
    if let door = a.door, !(1...4).contains(door.count) { return false }
    if let co = a.coName, !(1...130).contains(co.count) { return false }
    return true
  }

  /// `[1-9][0-9]{0,2}[A-Z]?`, the DKCC house number.
  static func isBuilding(_ text: String) -> Bool {
    var bytes = Array(text.utf8)
    if let last = bytes.last, (65...90).contains(last) { bytes.removeLast() }
    guard (1...3).contains(bytes.count), bytes[0] != 48 else { return false }
    return bytes.allSatisfy { (48...57).contains($0) }
  }

  /// `[1-9]|[1-9][0-9]|KL|ST|kl|st|k[2-9]|K[2-9]`, the DKCC floor.
  static func isFloor(_ text: String) -> Bool {
    if ["KL", "ST", "kl", "st"].contains(text) { return true }
    let bytes = Array(text.utf8)
    if bytes.count == 2, bytes[0] == 107 || bytes[0] == 75 { return (50...57).contains(bytes[1]) }
    guard (1...2).contains(bytes.count), bytes[0] != 48 else { return false }
    return bytes.allSatisfy { (48...57).contains($0) }
  }
}
