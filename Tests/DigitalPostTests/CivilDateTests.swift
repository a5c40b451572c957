import Testing

@testable import DigitalPost

// §4, §5: calendar months for "the last 6 months" and "not older than three months".
@Test(
  "adding calendar months clamps to the month's last day",
  arguments: [
    ("2026-11-22", -6, "2026-05-22"),
    ("2026-08-31", -6, "2026-02-28"),
    ("2028-08-31", -6, "2028-02-29"),
    ("2026-05-31", -3, "2026-02-28"),
    ("2026-02-15", -3, "2025-11-15"),
    ("2026-01-31", 1, "2026-02-28"),
    ("2026-12-15", 1, "2027-01-15"),
    ("2026-03-01", -24, "2024-03-01"),
  ])
func addingMonths(start: String, months: Int, expected: String) {
  #expect(day(start).adding(months: months) == day(expected))
}

@Test("whole years: born 29 February turns a year older on 1 March in common years")
func wholeYearsLeapDay() {
  let born = day("2008-02-29")
  #expect(born.wholeYears(until: day("2023-02-28")) == 14)
  #expect(born.wholeYears(until: day("2023-03-01")) == 15)
  #expect(born.wholeYears(until: day("2024-02-29")) == 16)
}

@Test(
  "YYYY-MM-DD read as written, and nothing else",
  arguments: [
    ("2026-11-22", CivilDate(year: 2026, month: 11, day: 22)),
    ("0000-01-01", CivilDate(year: 0, month: 1, day: 1)),
    ("2024-02-29", CivilDate(year: 2024, month: 2, day: 29)),
    ("2025-02-29", nil), ("2026-13-01", nil), ("2026-00-10", nil), ("2026-11-00", nil), ("2026-11-2", nil),
    ("2026-11-222", nil), ("22-11-2026", nil), ("2026/11/22", nil), ("2026-1a-22", nil), ("2026-11-22 ", nil),
    (" 2026-11-22", nil), ("２０２６-11-22", nil), ("2026-11–22", nil), ("+026-11-22", nil), ("", nil),
  ])
func isoText(text: String, expected: CivilDate?) {
  #expect(CivilDate(iso: text) == expected)
  if let expected { #expect(expected.iso == text) }
}

@Test("written as YYYY-MM-DD, with zeros in front, beyond four-digit years too")
func isoWritten() {
  #expect(CivilDate(year: 7, month: 3, day: 9)!.iso == "0007-03-09")
  #expect(CivilDate(year: 12345, month: 12, day: 31)!.iso == "12345-12-31")
  #expect(CivilDate(year: -5, month: 1, day: 1)!.iso == "00-5-01-01")
  // A string made elsewhere (not native UTF-8 storage) reads the same.
  let bridged = String(decoding: Array("2026-11-22".utf16), as: UTF16.self)
  #expect(CivilDate(iso: bridged) == CivilDate(year: 2026, month: 11, day: 22))
}
