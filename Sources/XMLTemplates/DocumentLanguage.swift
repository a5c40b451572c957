/// The languages the `date` filter can write, taken from `<html lang>` at compile time.
enum DocumentLanguage: String, Sendable, Equatable {
  case danish = "da"
  case english = "en"

  /// The language of a `lang` value such as `da` or `en-GB`; `nil` when unsupported.
  init?(lang: String) {
    let primary = lang.lowercased().split(separator: "-").first.map(String.init) ?? ""
    self.init(rawValue: primary)
  }

  private static let danishMonths = [
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november",
    "december",
  ]
  private static let englishMonths = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]

  private static let danishMonthNames: [StaticString] = [
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november",
    "december",
  ]
  private static let englishMonthNames: [StaticString] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]

  /// Appends `longDate(date)`.
  func appendLongDate(_ date: CalendarDate, to out: inout OutputBuffer) {
    out.append(decimal: date.day)
    switch self {
    case .danish:
      out.append(". ")
      out.append(Self.danishMonthNames[date.month - 1])
    case .english:
      out.append(byte: UInt8(ascii: " "))
      out.append(Self.englishMonthNames[date.month - 1])
    }
    out.append(byte: UInt8(ascii: " "))
    out.append(decimal: date.year)
  }

  /// `22. november 2026` in Danish, `22 November 2026` in English.
  func longDate(_ date: CalendarDate) -> String {
    switch self {
    case .danish: return "\(date.day). \(Self.danishMonths[date.month - 1]) \(date.year)"
    case .english: return "\(date.day) \(Self.englishMonths[date.month - 1]) \(date.year)"
    }
  }
}
