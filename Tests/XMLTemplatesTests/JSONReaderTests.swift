import Testing
import XMLTemplates

/// The JSON reader of template data and of mailings: values, escapes, and what an attacker
/// or a careless export might send.
@Suite("JSON reader")
struct JSONReaderTests {
  let mailing = JSONReader.Options(maximumDepth: 64, membersInNameOrder: true)

  func problem(_ text: String, _ options: JSONReader.Options = JSONReader.Options()) -> String? {
    do {
      _ = try JSONReader.read(Array(text.utf8), options: options)
      return nil
    } catch {
      return "\(error.line):\(error.column): \(error.message)"
    }
  }

  @Test func readsEveryKindOfValue() throws {
    let value = try JSONReader.read(
      Array(#"{"a": [1, -2.5, 0, -0.5e-3, true, false, null], "b": "x\"\\\/\n\u00e6\ud83d\ude00", "c": {}}"#.utf8))
    #expect(
      value
        == .object([
          "a": .list([.int(1), .double(-2.5), .int(0), .double(-0.0005), .bool(true), .bool(false), .null]),
          "b": .string("x\"\\/\næ😀"), "c": .object([:]),
        ]))
  }

  @Test func keepsMembersAsWrittenOrByName() throws {
    let text = Array(#"{"b": 1, "a": {"d": 2, "c": 3}}"#.utf8)
    func keys(_ value: TemplateValue?) -> [String] {
      if case .object(let members) = value { return members.keys }
      return []
    }
    func inner(_ value: TemplateValue) -> TemplateValue? {
      if case .object(let members) = value { return members["a"] }
      return nil
    }
    let written = try JSONReader.read(text)
    #expect(keys(written) == ["b", "a"])
    #expect(keys(inner(written)) == ["d", "c"])
    let named = try JSONReader.read(text, options: mailing)
    #expect(keys(named) == ["a", "b"])
    #expect(keys(inner(named)) == ["c", "d"])
  }

  @Test func refusesWhatIsNotJSON() {
    let cases: [(String, String)] = [
      (#"{"a": 1"#, "1:8: unexpected end of data"),
      (#"{"a": 1} x"#, "1:10: unexpected text after the JSON value"),
      (#"{"a": 1, "a": 2}"#, "1:14: member \"a\" given twice"),
      (#"{"a": "\q"}"#, "1:10: invalid escape"),
      (#"{"a": "\ud800"}"#, "1:14: invalid \\u escape"),
      (#"{"a": tru}"#, "1:7: expected a value"),
      (#"{"a": 1,}"#, "1:9: expected a member name"),
      ("[1,\n }", "2:2: expected a value"),
      (#"{"a": 1e999}"#, "1:12: invalid number 1e999"),
      (#"{"a": +1}"#, "1:7: expected a value"),
      (#"{"a": 01}"#, "1:9: invalid number 01"),
      (#"{"a": 1.}"#, "1:9: invalid number 1."),
      (#"{"a": 1-2}"#, "1:10: invalid number 1-2"),
      ("\"a\nb\"", "1:3: control character in a string"),
      ("\"æ\u{1}\"", "1:3: control character in a string"),
    ]
    for (text, expected) in cases {
      #expect(problem(text) == expected, "\(text)")
    }
  }

  @Test func refusesBytesThatAreNotUTF8AtTheirColumn() throws {
    let bytes = Array(#"{"name": "Sø"#.utf8) + [0xF8] + Array(#"ren"}"#.utf8)
    let problem = try #require(throws: JSONReader.Problem.self) { try JSONReader.read(bytes) }
    #expect("\(problem.line):\(problem.column): \(problem.message)" == "1:13: bytes that are not UTF-8")
    #expect(problem.isEncoding)
  }

  @Test func deepNestingFailsWithoutExhaustingTheStack() {
    let bomb = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(problem(bomb, mailing) == "1:65: nesting deeper than 64")
    #expect(problem(bomb) == "1:513: nesting deeper than 512")
  }
}
