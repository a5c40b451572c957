/// A Danish CPR number (personnummer), `DDMMYY-SSSS` (domain.md §2).
///
/// Parsing checks the form and that the birth date exists in the century the 7th digit
/// gives. The modulus-11 check is information only: numbers without it are issued since
/// 1 October 2007. The full number is confidential: `description` is the masked form, so
/// that string interpolation into a log never leaks it; use `digits` where the full
/// number is really needed (storage, the person's own documents).
public struct CPRNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The ten digits, without hyphen.
  public let digits: String
  /// The birth date, from DDMMYY and the century table.
  public let birthDate: CivilDate

  /// Why a text is not a CPR number; `message` says what is wrong, for a person.
  public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
  }

  /// Parses `DDMMYY-SSSS` or `DDMMYYSSSS`.
  public init(parsing text: String) throws(ParseError) {
    let trimmed = text.trimmingCharactersInWhitespace()
    var raw = trimmed
    if raw.count == 11 {
      let hyphenIndex = raw.index(raw.startIndex, offsetBy: 6)
      guard raw[hyphenIndex] == "-" else {
        throw ParseError(
          message: "\"\(trimmed)\": expected DDMMYY-SSSS or DDMMYYSSSS (10 digits, an optional hyphen after the 6th)")
      }
      raw.remove(at: hyphenIndex)
    }
    guard raw.count == 10, raw.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw ParseError(
        message: "\"\(trimmed)\": expected DDMMYY-SSSS or DDMMYYSSSS (10 digits, an optional hyphen after the 6th)")
    }
    let d = raw.map { Int(String($0))! }
    let day = d[0] * 10 + d[1]
    let month = d[2] * 10 + d[3]
    let yy = d[4] * 10 + d[5]
    let year = CPRNumber.century(seventhDigit: d[6], yy: yy) + yy
    guard let date = CivilDate(year: year, month: month, day: day) else {
      throw ParseError(message: CPRNumber.noSuchDate(trimmed, day: day, month: month, year: year))
    }
    self.digits = raw
    self.birthDate = date
  }

  /// The century table of domain.md §2: the 7th digit and YY give 1800, 1900 or 2000.
  public static func century(seventhDigit: Int, yy: Int) -> Int {
    switch seventhDigit {
    case 0...3: return 1900
    case 4, 9: return yy <= 36 ? 2000 : 1900
    default: return yy <= 57 ? 2000 : (1800)
    }
  }

  private static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  private static func noSuchDate(_ text: String, day: Int, month: Int, year: Int) -> String {
    let prefix = "\"\(text)\": no such date"
    guard (1...12).contains(month) else {
      return "\(prefix) (month \(month) does not exist; DDMMYY puts the month in digits 3-4)"
    }
    let last = CivilDate.daysIn(month: month, year: year)
    if month == 2 && day == 29 {
      return "\(prefix) (\(year) is not a leap year, so February has 28 days)"
    }
    if day == 0 {
      return "\(prefix) (day 00 does not exist; DDMMYY puts the day in digits 1-2)"
    }
    return "\(prefix) (\(monthNames[month - 1]) \(year) has \(last) days, not \(day))"
  }

  /// Sex as the last digit gives it: odd male, even female.
  public var sex: Sex { Int(String(digits.last!))! % 2 == 1 ? .male : .female }

  /// Whether the number passes the modulus-11 check (information only, §2).
  public var passesModulus11: Bool {
    let weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]
    let sum = zip(digits, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
    return sum % 11 == 0
  }

  /// `DDMMYY-XXXX`: the form for logs and documents for anyone but the person.
  public var masked: String { "\(digits.prefix(6))-XXXX" }

  /// `DDMMYY-SSSS`: the full number, for the person's own documents.
  public var formatted: String { "\(digits.prefix(6))-\(digits.suffix(4))" }

  /// The masked form, so that interpolation never leaks the full number.
  public var description: String { masked }

  public static func < (lhs: CPRNumber, rhs: CPRNumber) -> Bool { lhs.digits < rhs.digits }

  /// Biological sex as recorded in the CPR number.
  public enum Sex: String, Sendable, Codable { case male, female }
}

extension String {
  func trimmingCharactersInWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
