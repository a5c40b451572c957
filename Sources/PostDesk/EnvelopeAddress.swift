import DigitalPost
import Foundation

/// How an address is written in the envelope window: the lines under the name.
enum EnvelopeAddress {
  /// Danish addresses as Danish post writes them (`Søndergade 12, 2. tv.`, `8000 Aarhus C`);
  /// foreign ones as registered, with the country's name last; none gives no lines.
  static func lines(_ address: PostalAddress, in language: Language) -> [String] {
    switch address {
    case .none:
      return []
    case .danish(let a):
      var street = "\(a.street) \(a.building)"
      let unit = [a.floor.map { "\($0)." }, a.door].compactMap { $0 }.joined(separator: " ")
      if !unit.isEmpty { street += ", \(unit)" }
      return (a.coName.map { ["c/o \($0)"] } ?? []) + [street, "\(a.postcode) \(a.city)"]
    case .foreign(let a):
      let country =
        Locale(identifier: language.rawValue).localizedString(forRegionCode: a.countryCode) ?? a.countryCode
      return a.lines + [country.uppercased()]
    }
  }
}
