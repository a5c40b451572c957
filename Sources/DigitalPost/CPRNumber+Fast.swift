// The paths a batch takes millions of times: parsing a well-formed number, and the
// number as the integer a database keeps. They give exactly what `init(parsing:)` gives
// and fall back to it for anything it would have to explain.

extension CPRNumber {
  /// A well-formed number that names an existing date, read without allocating; nil for
  /// anything else (which `init(parsing:)` then explains).
  init?(wellFormed text: String) {
    var value: Int64 = 0
    var count = 0
    var valid = true
    for (offset, byte) in text.utf8.enumerated() {
      if byte == UInt8(ascii: "-") && offset == 6 { continue }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), count < 10 else {
        valid = false
        break
      }
      value = value * 10 + Int64(byte - UInt8(ascii: "0"))
      count += 1
    }
    guard valid, count == 10, let number = CPRNumber(storedValue: value) else { return nil }
    self = number
  }

  /// The number whose ten digits are `storedValue` (as a database integer column keeps
  /// it), or nil when that is not a CPR number of an existing date.
  public init?(storedValue: Int64) {
    guard storedValue >= 0, storedValue < 10_000_000_000 else { return nil }
    let day = Int(storedValue / 100_000_000)
    let month = Int(storedValue / 1_000_000 % 100)
    let yy = Int(storedValue / 10_000 % 100)
    let seventh = Int(storedValue / 1_000 % 10)
    guard let date = CivilDate(year: CPRNumber.century(seventhDigit: seventh, yy: yy) + yy, month: month, day: day)
    else { return nil }
    // Ten ASCII bytes make a small string: built on the stack, no allocation.
    self.digits = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { bytes in
      var rest = storedValue
      for index in stride(from: 9, through: 0, by: -1) {
        bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    self.birthDate = date
  }

  /// The ten digits as one integer, as a database keeps them.
  public var storedValue: Int64 {
    // Ten ASCII digits: a small string, read in place without the generic iterator.
    var text = digits
    return text.withUTF8 { bytes in
      var value: Int64 = 0
      for byte in bytes { value = value &* 10 &+ Int64(byte &- UInt8(ascii: "0")) }
      return value
    }
  }
}
