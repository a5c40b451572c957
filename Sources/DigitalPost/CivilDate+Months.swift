extension CivilDate {
  /// The same day `months` calendar months later (earlier when negative), moved back to the
  /// month's last day when that month is shorter: 31 August minus 6 months is 28 or
  /// 29 February. Used for "not older than three months" and "the last 6 months".
  public func adding(months: Int) -> CivilDate {
    let index = year * 12 + (month - 1) + months
    let newYear = index >= 0 ? index / 12 : (index - 11) / 12
    let newMonth = index - newYear * 12 + 1
    let newDay = min(day, CivilDate.daysIn(month: newMonth, year: newYear))
    return CivilDate(year: newYear, month: newMonth, day: newDay)!
  }
}
