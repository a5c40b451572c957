import Testing
import XMLTemplates

@testable import BatchPrinting

/// The mailing's JSON reader: values, escapes, and the lines an attacker might send.
@Suite("letters print: JSON Lines reader")
struct BatchJSONTests {
  func read(_ text: String) -> Result<TemplateValue, BatchJSONError> { BatchJSON.read(Array(text.utf8)) }

  @Test func readsEveryKindOfValue() throws {
    let value = try read(#"{"a": [1, -2.5, true, false, null], "b": "x\"\\\/\n\u00e6\ud83d\ude00", "c": {}}"#).get()
    #expect(
      value
        == .object([
          "a": .list([.int(1), .double(-2.5), .bool(true), .bool(false), .null]), "b": .string("x\"\\/\næ😀"),
          "c": .object([:]),
        ]))
  }

  @Test func refusesWhatIsNotJSON() {
    let cases: [(String, String)] = [
      (#"{"a": 1"#, "unexpected end of the line at column 8"),
      (#"{"a": 1} x"#, "unexpected text after the JSON value at column 10"),
      (#"{"a": 1, "a": 2}"#, "member \"a\" given twice at column 14"),
      (#"{"a": "\q"}"#, "invalid escape at column 10"),
      (#"{"a": tru}"#, "unexpected character at column 7"),
      (#"{"a": 1e999}"#, "invalid number 1e999 at column 12"),
    ]
    for (text, message) in cases {
      guard case .failure(let error) = read(text) else {
        Issue.record("\(text) was read")
        continue
      }
      #expect(error.message == message, "\(text)")
    }
  }

  @Test func deepNestingFailsWithoutExhaustingTheStack() {
    let bomb = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    guard case .failure(let error) = read(bomb) else {
      Issue.record("the nesting bomb was read")
      return
    }
    #expect(error.message == "nesting deeper than 64 at column 65")
  }
}
