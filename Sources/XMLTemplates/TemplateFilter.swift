/// A filter, checked at compile time, applied at render time.
enum TemplateFilter: Sendable, Equatable {
  /// Long date in the document's language.
  case date(DocumentLanguage)
  /// A CPR number shown as `DDMMYY-XXXX`, the sequence number hidden.
  case cpr
  /// Upper case.
  case upper
  /// The text to use when the value is missing or null.
  case fallback(String)

  /// The filter names, for "did you mean" hints.
  static let names = ["date", "cpr", "upper", "default"]

  /// Applies the filter to a present value; `nil` with a reason when the value does not fit.
  func apply(to value: TemplateValue) -> Result<TemplateValue, FilterMismatch> {
    switch self {
    case .fallback:
      return .success(value)
    case .upper:
      guard let text = value.text else {
        return .failure(FilterMismatch(expected: "text", format: "a string or number", found: value))
      }
      return .success(.string(Self.uppercased(text)))
    case .cpr:
      guard case .string(let text) = value, let masked = Self.maskedCPR(text) else {
        return .failure(
          FilterMismatch(expected: "a CPR number", format: "DDMMYY-SSSS or 10 digits", found: value))
      }
      return .success(.string(masked))
    case .date(let language):
      guard case .string(let text) = value, let date = CalendarDate(iso: text) else {
        return .failure(
          FilterMismatch(expected: "a date", format: "YYYY-MM-DD or an ISO date-time", found: value))
      }
      return .success(.string(language.longDate(date)))
    }
  }

  /// Upper case, with a fast path over UTF-8 for ASCII and the Latin-1 letters of Danish
  /// names (æøå, é, ü …, encoded `C3 A0`–`C3 BE`, whose capitals are `0x20` lower); anything
  /// else (ß → SS, ÿ, µ, Greek, …) goes through full Unicode case mapping.
  static func uppercased(_ text: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var afterC2 = false
    var afterC3 = false
    for byte in text.utf8 {
      if afterC2 {
        // U+0080–U+00BF have no capitals, except µ (C2 B5), which maps to Greek.
        afterC2 = false
        if byte == 0xB5 { return text.uppercased() }
        bytes.append(byte)
        continue
      }
      if afterC3 {
        afterC3 = false
        switch byte {
        case 0xA0...0xB6, 0xB8...0xBE: bytes.append(byte - 0x20)
        case 0x9F, 0xBF: return text.uppercased()
        default: bytes.append(byte)
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte - 0x20)
      case 0x00...0x7F: bytes.append(byte)
      case 0xC2:
        afterC2 = true
        bytes.append(byte)
      case 0xC3:
        afterC3 = true
        bytes.append(byte)
      default: return text.uppercased()
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `DDMMYY-XXXX` from ten digits, with or without the hyphen after the sixth.
  static func maskedCPR(_ text: String) -> String? {
    var digits = Array(text.utf8)
    if digits.count == 11, digits[6] == UInt8(ascii: "-") { digits.remove(at: 6) }
    guard digits.count == 10, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
      return nil
    }
    return String(decoding: digits[0..<6], as: UTF8.self) + "-XXXX"
  }
}

/// A value of the wrong kind for a filter.
struct FilterMismatch: Error {
  var expected: String
  /// The form the data should take.
  var format: String
  var found: TemplateValue
}

/// A calendar date read from `YYYY-MM-DD` or the date part of an ISO date-time, taken as
/// written (no time-zone conversion).
struct CalendarDate: Equatable {
  var year: Int
  var month: Int
  var day: Int

  init?(iso text: String) {
    let utf8 = Array(text.utf8)
    guard utf8.count == 10 || (utf8.count > 10 && (utf8[10] == UInt8(ascii: "T") || utf8[10] == UInt8(ascii: " ")))
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var result = 0
      for index in range {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[index]) else { return nil }
        result = result * 10 + Int(utf8[index] - UInt8(ascii: "0"))
      }
      return result
    }
    guard utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"), let year = number(0..<4),
      let month = number(5..<7), let day = number(8..<10), (1...12).contains(month)
    else { return nil }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard (1...lengths[month - 1]).contains(day) else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }
}

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

  /// `22. november 2026` in Danish, `22 November 2026` in English.
  func longDate(_ date: CalendarDate) -> String {
    switch self {
    case .danish: return "\(date.day). \(Self.danishMonths[date.month - 1]) \(date.year)"
    case .english: return "\(date.day) \(Self.englishMonths[date.month - 1]) \(date.year)"
    }
  }
}
