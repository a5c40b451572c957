import Testing

@testable import DigitalPost

/// §2: the fast paths give exactly what the full parse gives.
@Suite struct CPRNumberFastPathTests {
  @Test(
    "§2 a well-formed number parses the same on the fast path",
    arguments: ["0102031234", "010203-1234", "290200-4000", "311299-9999", "010100-0000", "290212-6352"])
  func fastPathMatchesFullParse(text: String) throws {
    let fast = try #require(CPRNumber(wellFormed: text))
    let full = try CPRNumber(parsing: " \(text) ")
    #expect(fast == full)
    #expect(fast.birthDate == full.birthDate)
    #expect(CPRNumber(storedValue: fast.storedValue) == fast)
  }

  @Test(
    "§2 anything the full parse must explain leaves the fast path",
    arguments: [
      "010203123", "01020312345", "01020-31234", "0102031234-", "010203--1234", "311324-1234", "290223-1234",
      " 0102031234", "0102O31234", "٠١٠٢٠٣١٢٣٤",
    ])
  func otherInputLeavesFastPath(text: String) {
    #expect(CPRNumber(wellFormed: text) == nil)
  }

  @Test("§2 a stored value keeps its leading zeros")
  func storedValueRoundTrip() throws {
    let number = try CPRNumber(parsing: "010203-1234")
    #expect(number.storedValue == 102_031_234)
    #expect(CPRNumber(storedValue: 102_031_234)?.digits == "0102031234")
    #expect(CPRNumber(storedValue: 3_113_241_234) == nil)
    #expect(CPRNumber(storedValue: -1) == nil)
  }
}
