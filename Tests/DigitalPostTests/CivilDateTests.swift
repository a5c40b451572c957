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
