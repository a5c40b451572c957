import Testing

@testable import DigitalPost

@Test func cprParsesWithAndWithoutHyphen() throws {
  let a = try CPRNumber(parsing: "010203-1234")
  let b = try CPRNumber(parsing: "0102031234")
  #expect(a == b)
  #expect(a.birthDate == CivilDate(year: 1903, month: 2, day: 1))
  #expect(a.masked == "010203-XXXX")
}
