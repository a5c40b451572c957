import DigitalPost
import Foundation

/// How an address is written in the envelope window: the lines under the name.
public enum EnvelopeAddress {
  /// Whether a letter to `address` goes abroad (its return address then names Denmark).
  public static func isAbroad(_ address: PostalAddress) -> Bool {
    if case .foreign = address { return true }
    return false
  }

  /// Danish addresses as Danish post writes them (`Søndergade 12, 2. tv.`, `8000 Aarhus C`);
  /// foreign ones as registered, with the country's name last; none gives no lines.
  public static func lines(_ address: PostalAddress, in language: Language) -> [String] {
    switch address {
    case .none:
      return []
    case .danish(let a):
      var street = "\(a.street) \(a.building)"
      // Floors are ordinals ("2."), and the side doors abbreviations ("tv.", "th.", "mf.").
      let door = a.door.map { ["tv", "th", "mf"].contains($0.lowercased()) ? "\($0)." : $0 }
      let unit = [a.floor.map { "\($0)." }, door].compactMap { $0 }.joined(separator: " ")
      if !unit.isEmpty { street += ", \(unit)" }
      return (a.coName.map { ["c/o \($0)"] } ?? []) + [street, "\(a.postcode) \(a.city)"]
    case .foreign(let a):
      let country =
        Locale(identifier: language.rawValue).localizedString(forRegionCode: a.countryCode) ?? a.countryCode
      return a.lines + [country.uppercased()]
    }
  }
}
