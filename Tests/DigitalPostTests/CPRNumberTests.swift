import Testing

@testable import DigitalPost

// §2: the century table, every 7th digit against every YY range (both ends of each).
@Test(
  "§2 century from the 7th digit and YY",
  arguments: [
    (0, [1900, 1900, 1900, 1900, 1900, 1900]),
    (1, [1900, 1900, 1900, 1900, 1900, 1900]),
    (2, [1900, 1900, 1900, 1900, 1900, 1900]),
    (3, [1900, 1900, 1900, 1900, 1900, 1900]),
    (4, [2000, 2000, 1900, 1900, 1900, 1900]),
    (5, [2000, 2000, 2000, 2000, 1800, 1800]),
    (6, [2000, 2000, 2000, 2000, 1800, 1800]),
    (7, [2000, 2000, 2000, 2000, 1800, 1800]),
    (8, [2000, 2000, 2000, 2000, 1800, 1800]),
    (9, [2000, 2000, 1900, 1900, 1900, 1900]),
  ])
func centuryTable(seventhDigit: Int, centuries: [Int]) throws {
  for (yy, century) in zip([0, 36, 37, 57, 58, 99], centuries) {
    let yyText = yy < 10 ? "0\(yy)" : "\(yy)"
    let number = try CPRNumber(parsing: "0101\(yyText)-\(seventhDigit)000")
    #expect(number.birthDate == CivilDate(year: century + yy, month: 1, day: 1), "7th digit \(seventhDigit), YY \(yy)")
    #expect(CPRNumber.century(seventhDigit: seventhDigit, yy: yy) == century)
  }
}

// §2: 29 February exists only in leap years of the derived century.
@Test(
  "§2 29 February in leap and common years of each century",
  arguments: [
    ("290260-5000", "1860-02-29"),  // 1800s, leap
    ("290296-1234", "1996-02-29"),  // 1900s, leap
    ("290200-4000", "2000-02-29"),  // 2000s, leap by the 400-year rule
    ("290236-9000", "2036-02-29"),  // 2000s by digit 9, last YY of the range
    ("290256-5000", "2056-02-29"),  // 2000s by digit 5
  ])
func leapDayAccepted(text: String, birth: String) throws {
  #expect(try CPRNumber(parsing: text).birthDate == day(birth))
}

// §2: every rejection names the input and says precisely what is wrong.
@Test(
  "§2 rejections say what is wrong",
  arguments: [
    ("", "\"\": has 0 digits, not 10; a CPR number is DDMMYY-SSSS or DDMMYYSSSS"),
    ("010203-123", "\"010203-123\": has 9 digits, not 10; a CPR number is DDMMYY-SSSS or DDMMYYSSSS"),
    ("01020312345", "\"01020312345\": has 11 digits, not 10; a CPR number is DDMMYY-SSSS or DDMMYYSSSS"),
    (
      "0102O3-1234",
      "\"0102O3-1234\": character 5 (\"O\") is not a digit; a CPR number is DDMMYY-SSSS or DDMMYYSSSS"
    ),
    (
      "010203 1234",
      "\"010203 1234\": character 7 (\" \") is not a digit; a CPR number is DDMMYY-SSSS or DDMMYYSSSS"
    ),
    ("01020-31234", "\"01020-31234\": the hyphen must follow the 6th digit; a CPR number is DDMMYY-SSSS or DDMMYYSSSS"),
    (
      "010203--1234",
      "\"010203--1234\": the hyphen must follow the 6th digit; a CPR number is DDMMYY-SSSS or DDMMYYSSSS"
    ),
    ("311324-1234", "\"311324-1234\": no such date: there is no month 13 (DDMMYY, months 01-12)"),
    ("010090-1234", "\"010090-1234\": no such date: there is no month 00 (DDMMYY, months 01-12)"),
    ("000190-1234", "\"000190-1234\": no such date: there is no day 00 (DDMMYY, days from 01)"),
    ("320190-1234", "\"320190-1234\": no such date: January 1990 has 31 days, not 32"),
    ("310490-1234", "\"310490-1234\": no such date: April 1990 has 30 days, not 31"),
    ("300296-1234", "\"300296-1234\": no such date: February 1996 has 29 days, not 30"),
    (
      "290200-1234",
      "\"290200-1234\": no such date: February 1900 has 28 days, not 29 "
        + "(1900 is not a leap year; 7th digit 1 and YY 00 give 1900)"
    ),
    (
      "290201-4000",
      "\"290201-4000\": no such date: February 2001 has 28 days, not 29 "
        + "(2001 is not a leap year; 7th digit 4 and YY 01 give 2001)"
    ),
    (
      "290257-5000",
      "\"290257-5000\": no such date: February 2057 has 28 days, not 29 "
        + "(2057 is not a leap year; 7th digit 5 and YY 57 give 2057)"
    ),
    (
      "290261-8000",
      "\"290261-8000\": no such date: February 1861 has 28 days, not 29 "
        + "(1861 is not a leap year; 7th digit 8 and YY 61 give 1861)"
    ),
    (
      " 2902000000 ",
      "\"2902000000\": no such date: February 1900 has 28 days, not 29 "
        + "(1900 is not a leap year; 7th digit 0 and YY 00 give 1900)"
    ),
  ])
func rejections(text: String, message: String) {
  #expect { try CPRNumber(parsing: text) } throws: { ($0 as? CPRNumber.ParseError)?.message == message }
}

// §2: hyphen optional, whitespace around ignored.
@Test("§2 with or without hyphen", arguments: ["010203-1234", "0102031234", "  010203-1234\n"])
func hyphenOptional(text: String) throws {
  let number = try CPRNumber(parsing: text)
  #expect(number.digits == "0102031234")
  #expect(number.formatted == "010203-1234")
  #expect(number.birthDate == day("1903-02-01"))
}

// §2: modulus 11 is information, not validity.
@Test(
  "§2 modulus-11 is not a validity rule",
  arguments: [("070761-4285", true), ("111111-1118", true), ("010100-1234", false), ("010170-0001", false)])
func modulus11(text: String, passes: Bool) throws {
  #expect(try CPRNumber(parsing: text).passesModulus11 == passes)
}

// §2: last digit odd is male, even is female.
@Test(
  "§2 sex from the last digit",
  arguments: [
    ("010203-1230", CPRNumber.Sex.female), ("010203-1231", .male), ("010203-1238", .female),
    ("010203-1239", .male),
  ])
func sex(text: String, sex: CPRNumber.Sex) {
  #expect(cpr(text).sex == sex)
}

// §2: the full number never leaks through interpolation.
@Test("§2 masked form and description")
func masked() {
  let number = cpr("010203-1234")
  #expect(number.masked == "010203-XXXX")
  #expect("\(number)" == "010203-XXXX")
  #expect(number.formatted == "010203-1234")
}

@Test("§2 masking a text by its shape, for documents")
func maskingByShape() {
  #expect(CPRNumber.masking("2211261234") == "221126-XXXX")
  #expect(CPRNumber.masking("221126-1234") == "221126-XXXX")
  // A number that is no valid CPR number is masked all the same: it is as confidential.
  #expect(CPRNumber.masking("321326-1234") == "321326-XXXX")
  #expect(CPRNumber.masking("22112612345") == nil)
  #expect(CPRNumber.masking("221126 1234") == nil)
  #expect(CPRNumber.masking("22112a1234") == nil)
  #expect(CPRNumber.masking("2211-261234") == nil)
}
