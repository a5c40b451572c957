import Testing

@testable import DigitalPost

// §3: the letterbox is assigned on the 15th birthday; born 29 February, 1 March in common
// years (our rule). The custody holders' notice goes 21 days before (our rule).
@Test(
  "§3 due date and custody-holder notice date",
  arguments: [
    ("050311-4000", "2026-03-05", "2026-02-12"),
    ("100112-4000", "2027-01-10", "2026-12-20"),
    ("290208-4000", "2023-03-01", "2023-02-08"),  // 29 Feb 2008: 2023 is a common year
    ("290212-4000", "2027-03-01", "2027-02-08"),
    ("290296-1000", "2011-03-01", "2011-02-08"),
    ("221111-4000", "2026-11-22", "2026-11-01"),
  ])
func dueAndNotice(number: String, due: String, notice: String) {
  let birth = cpr(number).birthDate
  #expect(LetterboxRules.dueDate(birthDate: birth) == day(due))
  #expect(LetterboxRules.noticeDate(birthDate: birth) == day(notice))
  #expect(OurRules.letterboxNoticeDaysBefore == 21)
}

// §3: state on any date.
@Test(
  "§3 letterbox state on a date",
  arguments: [
    // (cpr, status, exempt, date, expected)
    ("050311-4000", CPRStatus.resident, false, "2026-03-04", LetterboxState.notAssigned(due: day("2026-03-05"))),
    ("050311-4000", .resident, false, "2026-03-05", .active(since: day("2026-03-05"))),
    ("050311-4000", .resident, true, "2026-03-05", .exempt),
    ("050311-4000", .resident, true, "2026-03-04", .notAssigned(due: day("2026-03-05"))),
    ("290208-4000", .resident, false, "2023-02-28", .notAssigned(due: day("2023-03-01"))),
    ("290208-4000", .resident, false, "2023-03-01", .active(since: day("2023-03-01"))),
    // Moving abroad does not close the letterbox (Act §3(4)).
    ("010170-1000", .emigrated(since: day("2020-01-01")), false, "2026-11-22", .active(since: day("1985-01-01"))),
    // Death closes it, from the day of death; before that it was open.
    ("010170-1000", .deceased(on: day("2026-06-01")), false, "2026-06-01", .closed(on: day("2026-06-01"))),
    ("010170-1000", .deceased(on: day("2026-06-01")), true, "2026-11-22", .closed(on: day("2026-06-01"))),
    ("010170-1000", .deceased(on: day("2026-06-01")), false, "2026-05-31", .active(since: day("1985-01-01"))),
  ])
func state(number: String, status: CPRStatus, exempt: Bool, on date: String, expected: LetterboxState) {
  let recipient = RecipientState(citizen: citizen(number, status: status), isExempt: exempt)
  #expect(LetterboxRules.state(of: recipient, on: day(date)) == expected)
}

// §3: age in whole years, the day before and on the 15th birthday.
@Test(
  "§3 age on a date",
  arguments: [
    ("050311-4000", "2026-03-04", 14), ("050311-4000", "2026-03-05", 15), ("290208-4000", "2023-02-28", 14),
    ("290208-4000", "2023-03-01", 15),
  ])
func age(number: String, on date: String, expected: Int) {
  #expect(LetterboxRules.age(of: cpr(number), on: day(date)) == expected)
}

@Test("§3 state names for reports")
func stateNames() {
  #expect(LetterboxState.notAssigned(due: day("2026-01-01")).name == "not-assigned")
  #expect(LetterboxState.active(since: day("2026-01-01")).name == "active")
  #expect(LetterboxState.exempt.name == "exempt")
  #expect(LetterboxState.closed(on: day("2026-01-01")).name == "closed")
}

// §3: the daily job asks which birth dates are due (or get the notice) on a day.
@Test(
  "§3 birth dates due on a day",
  arguments: [
    ("2026-11-22", ["2011-11-22"]),
    ("2023-03-01", ["2008-03-01", "2008-02-29"]),
    ("2027-03-01", ["2012-03-01", "2012-02-29"]),
    ("2026-03-01", ["2011-03-01"]),
    ("2023-02-28", ["2008-02-28"]),
  ])
func birthDatesDue(date: String, births: [String]) {
  #expect(LetterboxRules.birthDates(dueOn: day(date)) == births.map(day))
  for birth in births { #expect(LetterboxRules.dueDate(birthDate: day(birth)) == day(date)) }
}

@Test("§3 birth dates whose custody holders get the notice on a day")
func birthDatesNotice() {
  #expect(LetterboxRules.birthDates(noticeOn: day("2023-02-08")) == [day("2008-03-01"), day("2008-02-29")])
  #expect(LetterboxRules.birthDates(noticeOn: day("2026-11-01")) == [day("2011-11-22")])
}
