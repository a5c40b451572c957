/// A calendar date read from `YYYY-MM-DD` or the date part of an ISO date-time, taken as
/// written (no time-zone conversion).
struct CalendarDate: Equatable {
  var year: Int
  var month: Int
  var day: Int

  init?(iso text: String) {
    guard let date = text.utf8.withContiguousStorageIfAvailable({ Self(utf8: $0) }) ?? Self(utf8: Array(text.utf8))
    else { return nil }
    self = date
  }

  private init?<Bytes: RandomAccessCollection<UInt8>>(utf8: Bytes) where Bytes.Index == Int {
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
    let length: Int
    switch month {
    case 2: length = leap ? 29 : 28
    case 4, 6, 9, 11: length = 30
    default: length = 31
    }
    guard (1...length).contains(day) else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }
}
