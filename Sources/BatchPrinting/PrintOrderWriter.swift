import DigitalPost
import Documents
import Foundation
import XMLTemplates

/// Writes one OIO Fjernprint `ForsendelseI` print order (namespace urn:oio:fjernprint:1.0.0)
/// through ``BatchDocuments/printOrder``.
enum PrintOrderWriter {
  /// A PDF enclosure travelling with the letter (`Bilag`), its content already base64.
  struct Enclosure {
    var name: String
    var base64: String
  }

  /// The print order for one letter: the letter as content in `format`, the recipient's
  /// address structured when it fits the DKCC types, else as lines; its page count
  /// (`SideKvantitet`) when known, as it is for a PDF. Fails only for a text holding a
  /// character XML does not allow.
  static func order(
    sendingID: String, recipient: CPRNumber, name: String, address: PostalAddress, title: String, date: CivilDate,
    uuid: String, content: [UInt8], format: DocumentFormat, pages: Int? = nil, enclosures: [Enclosure],
    settings: BatchPrintSettings
  ) throws(TemplateError) -> [UInt8] {
    var enclosureValues: [TemplateValue] = []
    for (index, enclosure) in enclosures.prefix(100).enumerated() {
      enclosureValues.append([
        "name": .string(String(enclosure.name.prefix(300))), "index": .int(index + 1),
        "content": .string(enclosure.base64),
      ])
    }
    let order: TemplateValue = [
      "sendingID": .string(sendingID), "recipient": .string(recipient.digits),
      "name": .string(String(name.prefix(130))),
      "address": .object(addressMembers(address)), "format": .string(format.fileFormatName),
      "content": .string(Data(content).base64EncodedString()), "title": .string(title),
      "uuid": .string(uuid.lowercased()), "date": .string(date.iso), "sides": .string(settings.sides.rawValue),
      "colour": .string(settings.colour.rawValue), "envelope": .string(settings.envelope.rawValue),
      "postCategory": .string(settings.postCategory.rawValue), "enclosures": .list(enclosureValues),
      "pages": pages.map { .int($0) } ?? .null,
    ]
    return try BatchDocuments.printOrder.renderBytes(value: order, mode: .xml)
  }

  /// The address inside `ModtagerAdresse`: structured (`street`, `building`, `co`, `floor`,
  /// `door`) when every part fits its DKCC type, else as at most six `lines` of at most 34
  /// characters; the postal code when there is one, and the ISO 3166 alpha-2 `country`.
  static func addressMembers(_ address: PostalAddress) -> TemplateObject {
    var members = TemplateObject()
    switch address {
    case .danish(let a) where fitsStructured(a):
      members["co"] = a.coName.map { .string($0) }
      members["street"] = .string(a.street)
      members["building"] = .string(a.building)
      members["floor"] = a.floor.map { .string($0) }
      members["door"] = a.door.map { .string($0) }
      members["postcode"] = .string(a.postcode)
      members["country"] = "DK"
    case .danish(let a):
      members["lines"] = .list(wrapped(EnvelopeAddress.lines(.danish(a), in: .da).dropLast()).map { .string($0) })
      if a.postcode.allSatisfy(\.isNumber), a.postcode.count == 4 { members["postcode"] = .string(a.postcode) }
      members["country"] = "DK"
    case .foreign(let a):
      members["lines"] = .list(wrapped(a.lines).map { .string($0) })
      let code = a.countryCode
      members["country"] = .string(code.count == 2 && code.allSatisfy(\.isLetter) ? code.uppercased() : "DK")
    case .none:
      members["lines"] = ["(no address)"]
      members["country"] = "DK"
    }
    return members
  }

  /// The lines cut into pieces of at most 34 characters, at most six of them ("-" for none).
  private static func wrapped(_ lines: some Sequence<String>) -> [String] {
    var wrapped: [String] = []
    for line in lines {
      var rest = Substring(line)
      repeat {
        wrapped.append(String(rest.prefix(34)))
        rest = rest.dropFirst(34)
      } while !rest.isEmpty
    }
    return wrapped.isEmpty ? ["-"] : Array(wrapped.prefix(6))
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
