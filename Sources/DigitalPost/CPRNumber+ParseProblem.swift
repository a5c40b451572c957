extension CPRNumber {
  /// What is wrong with a text that is not a CPR number (domain.md §2), for each interface to
  /// word; `message` is the English.
  public enum ParseProblem: Hashable, Sendable {
    /// The character at `position` (from 1) is neither a digit nor the hyphen.
    case notADigit(position: Int, String)
    /// Not ten digits.
    case digitCount(Int)
    /// A hyphen elsewhere than after the 6th digit.
    case hyphenPlace
    /// MM is not a month.
    case noSuchMonth(Int)
    /// DD is 00.
    case dayZero
    /// The month of that year has fewer days than DD.
    case tooFewDays(month: Int, year: Int, days: Int, day: Int)
    /// 29 February in a year that is not a leap year, with how the century was derived.
    case notLeapYear(year: Int, seventhDigit: Int)

    /// The English words.
    public var message: String {
      let form = "a CPR number is DDMMYY-SSSS or DDMMYYSSSS"
      switch self {
      case .notADigit(let position, let character):
        return "character \(position) (\"\(character)\") is not a digit; \(form)"
      case .digitCount(let count): return "has \(count) digits, not 10; \(form)"
      case .hyphenPlace: return "the hyphen must follow the 6th digit; \(form)"
      case .noSuchMonth(let month):
        return "no such date: there is no month \(CPRNumber.twoDigits(month)) (DDMMYY, months 01-12)"
      case .dayZero: return "no such date: there is no day 00 (DDMMYY, days from 01)"
      case .tooFewDays(let month, let year, let days, let day):
        return "no such date: \(CPRNumber.monthNames[month - 1]) \(year) has \(days) days, not \(day)"
      case .notLeapYear(let year, let seventhDigit):
        // Only here does the century matter, so say how it was derived.
        return "no such date: February \(year) has 28 days, not 29 (\(year) is not a leap year; 7th digit "
          + "\(seventhDigit) and YY \(CPRNumber.twoDigits(year % 100)) give \(year))"
      }
    }
  }
}
