/// A calendar date without a time of day or a time zone: the unit every rule of the
/// domain reasons in (birthdays, letter dates, expiry dates).
///
/// Written and read as `YYYY-MM-DD`. Rules never read a clock: "today" is always a
/// `CivilDate` handed in by the caller.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The year, e.g. 2026.
  public let year: Int
  /// The month, 1 to 12.
  public let month: Int
  /// The day of the month, from 1.
  public let day: Int

  /// Creates a date, or returns nil when that day does not exist in the Gregorian calendar.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`; nil for anything else or a day that does not exist.
  ///
  /// Read as bytes: the registry keeps its dates as this text, and a citizen page reads a dozen
  /// of them; split into parts and checked as characters they cost a thirtieth of the page.
  public init?(iso text: String) {
    var text = text
    // Nothing to do for a native string; a bridged one is copied.
    text.makeContiguousUTF8()
    guard let (y, m, d) = text.utf8.withContiguousStorageIfAvailable(Self.isoNumbers) ?? nil else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// The year, month and day of `YYYY-MM-DD` (ten bytes, ASCII digits and two dashes); nil for
  /// anything else.
  private static func isoNumbers(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for position in range {
        let digit = bytes[position] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = value * 10 + Int(digit)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
    return (year, month, day)
  }

  /// `YYYY-MM-DD`.
  ///
  /// Written as bytes for the years of four digits (the registry's arguments and a citizen page
  /// write several a page).
  public var iso: String {
    guard (0...9999).contains(year) else {
      func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
      }
      return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
    return String(unsafeUninitializedCapacity: 10) { buffer in
      func put(_ value: Int, at start: Int, digits: Int) {
        var value = value
        for position in stride(from: start + digits - 1, through: start, by: -1) {
          buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
          value /= 10
        }
      }
      put(year, at: 0, digits: 4)
      buffer[4] = UInt8(ascii: "-")
      put(month, at: 5, digits: 2)
      buffer[7] = UInt8(ascii: "-")
      put(day, at: 8, digits: 2)
      return 10
    }
  }

  /// `YYYY-MM-DD`, as in messages.
  public var description: String { iso }

  /// Whether `year` has a 29 February in the Gregorian calendar.
  public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// The number of days in `month` of `year`.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Earlier dates sort first.
  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
  public var dayNumber: Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The date `dayNumber` days after 1970-01-01.
  public init(dayNumber z0: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    self.month = m
    self.day = d
  }

  /// The date `days` days later (earlier when negative).
  public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

  /// Whole years from `self` to `date`: the age on `date` of someone born on `self`.
  /// Someone born on 29 February has their birthday on 1 March in common years, so turns
  /// a year older on 1 March (the domain's rule, see `LetterboxRules`).
  public func wholeYears(until date: CivilDate) -> Int {
    var years = date.year - year
    if (date.month, date.day) < (month, day) { years -= 1 }
    return years
  }

  /// The day someone born on `self` turns `years` old: the birthday that year; for someone
  /// born on 29 February, in a common year the day `OurRules.leapDayBirthdayInCommonYears`
  /// names (1 March), as `wholeYears(until:)` counts it.
  public func birthday(turning years: Int) -> CivilDate {
    let year = year + years
    if let date = CivilDate(year: year, month: month, day: day) { return date }
    let moved = OurRules.leapDayBirthdayInCommonYears
    return CivilDate(year: year, month: moved.month, day: moved.day)!
  }

  /// Decodes `YYYY-MM-DD`.
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let date = CivilDate(iso: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a date of the form YYYY-MM-DD"))
    }
    self = date
  }

  /// Encodes `YYYY-MM-DD`.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(iso)
  }
}
