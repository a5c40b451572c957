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

  /// Why a text is not a CPR number: the text (trimmed) and the problem, which each
  /// interface words; `message` says it in English, for a person.
  public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text as typed, without surrounding whitespace.
    public let input: String
    /// What is wrong with it.
    public let problem: ParseProblem
    /// What is wrong, naming the input.
    public var message: String { "\"\(input)\": \(problem.message)" }
    /// The message.
    public var description: String { message }
  }

  /// Parses `DDMMYY-SSSS` or `DDMMYYSSSS` (surrounding whitespace is ignored).
  ///
  /// Every rejection names the input and says precisely what is wrong, in one of two
  /// shapes: `"0102O3-1234": character 5 ("O") is not a digit; a CPR number is ...` for
  /// the form, `"311324-1234": no such date: there is no month 13 (...)` for the date.
  public init(parsing text: String) throws(ParseError) {
    if let number = CPRNumber(wellFormed: text) {
      self = number
      return
    }
    let trimmed = text.trimmingCharactersInWhitespace()
    func fail(_ problem: ParseProblem) -> ParseError { ParseError(input: trimmed, problem: problem) }
    for (offset, character) in trimmed.enumerated() where character != "-" {
      guard character.isASCII, character.isNumber else {
        throw fail(.notADigit(position: offset + 1, String(character)))
      }
    }
    let raw = trimmed.filter { $0 != "-" }
    guard raw.count == 10 else {
      throw fail(.digitCount(raw.count))
    }
    let hyphens = trimmed.enumerated().filter { $0.element == "-" }.map(\.offset)
    guard hyphens.isEmpty || hyphens == [6] else {
      throw fail(.hyphenPlace)
    }
    let d = raw.map { Int(String($0))! }
    let day = d[0] * 10 + d[1]
    let month = d[2] * 10 + d[3]
    let yy = d[4] * 10 + d[5]
    let year = CPRNumber.century(seventhDigit: d[6], yy: yy) + yy
    guard let date = CivilDate(year: year, month: month, day: day) else {
      throw fail(CPRNumber.whyNoSuchDate(day: day, month: month, year: year, seventhDigit: d[6]))
    }
    self.digits = raw
    self.birthDate = date
  }

  /// The century table of domain.md §2: the 7th digit and YY give 1800, 1900 or 2000.
  public static func century(seventhDigit: Int, yy: Int) -> Int {
    switch seventhDigit {
    case 0...3: return 1900
    case 4, 9: return yy <= 36 ? 2000 : 1900
    default: return yy <= 57 ? 2000 : 1800
    }
  }

  /// English month names, for messages (January is index 0).
  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]

  private static func whyNoSuchDate(day: Int, month: Int, year: Int, seventhDigit: Int) -> ParseProblem {
    guard (1...12).contains(month) else { return .noSuchMonth(month) }
    guard day != 0 else { return .dayZero }
    let last = CivilDate.daysIn(month: month, year: year)
    guard month == 2, day == 29 else { return .tooFewDays(month: month, year: year, days: last, day: day) }
    return .notLeapYear(year: year, seventhDigit: seventhDigit)
  }

  static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  /// Sex as the last digit gives it: odd male, even female.
  public var sex: Sex { Int(String(digits.last!))! % 2 == 1 ? .male : .female }

  /// Whether the number passes the modulus-11 check (information only, §2).
  public var passesModulus11: Bool {
    let weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]
    let sum = zip(digits, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
    return sum % 11 == 0
  }

  /// `DDMMYY-XXXX`: the form for logs and documents for anyone but the person.
  public var masked: String { Self.masking(digits) ?? "" }

  /// `DDMMYY-XXXX` for a text shaped as a CPR number (`DDMMYY-SSSS` or ten digits), whether or
  /// not it is a valid one: a mistyped number is as confidential as a valid one. `nil` for a
  /// text of any other shape. Written byte by byte: templates mask a number in every letter.
  public static func masking(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { bytes -> String? in
      let hyphenated = bytes.count == 11
      guard bytes.count == 10 || (hyphenated && bytes[6] == UInt8(ascii: "-")) else { return nil }
      for (offset, byte) in bytes.enumerated() where !(hyphenated && offset == 6) {
        guard byte &- UInt8(ascii: "0") < 10 else { return nil }
      }
      return String(unsafeUninitializedCapacity: 11) { masked in
        for offset in 0..<6 { masked[offset] = bytes[offset] }
        masked[6] = UInt8(ascii: "-")
        for offset in 7..<11 { masked[offset] = UInt8(ascii: "X") }
        return 11
      }
    }
  }

  /// `DDMMYY-SSSS`: the full number, for the person's own documents.
  public var formatted: String { "\(digits.prefix(6))-\(digits.suffix(4))" }

  /// The masked form, so that interpolation never leaks the full number.
  public var description: String { masked }

  /// Orders by the digits, so by birth date only within a century.
  public static func < (lhs: CPRNumber, rhs: CPRNumber) -> Bool { lhs.digits < rhs.digits }

  /// Biological sex as recorded in the CPR number.
  public enum Sex: String, Sendable, Codable {
    /// Last digit odd.
    case male
    /// Last digit even.
    case female
  }
}

extension CPRNumber {
  /// Throws unless the person was born on or before `date`: the century rule reads digits
  /// 5-8 with years 00-57 as 2000-2057, so a typing error can give a birth in the future.
  public func checkBorn(by date: CivilDate) throws(DomainError) {
    if birthDate > date { throw DomainError.bornAfter(self, date) }
  }
}

extension String {
  func trimmingCharactersInWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
