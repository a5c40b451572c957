import Crypto
import DigitalPost
import Foundation
import GRDB

/// The JSON the audit log stores for before and after: sorted keys, masked CPR numbers.
enum AuditJSON {
  /// Encodes a value with sorted keys, so the same state always gives the same text.
  static func encode<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try! encoder.encode(value), as: UTF8.self)
  }

  /// A citizen with every CPR number masked.
  static func citizen(_ c: Citizen) -> String {
    var fields: [String: String] = [
      "cpr": c.cpr.masked, "name": c.name, "language": c.language.rawValue,
      "municipality": c.municipality.description,
      "custodyHolders": c.custodyHolders.map(\.masked).joined(separator: " "),
    ]
    let (status, date) = CitizenRow.statusColumns(c.status)
    fields["status"] = date.map { "\(status) \($0)" } ?? status
    switch c.address {
    case .danish(let a):
      fields["address"] = [
        a.coName.map { "c/o \($0)" }, "\(a.street) \(a.building)", a.floor, a.door, a.postcode, a.city,
      ]
      .compactMap { $0 }.joined(separator: ", ")
    case .foreign(let a): fields["address"] = (a.lines + [a.countryCode]).joined(separator: ", ")
    case .none: fields["address"] = ""
    }
    return encode(fields)
  }
}
