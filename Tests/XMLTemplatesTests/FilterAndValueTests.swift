import Foundation
import Testing

@testable import XMLTemplates

/// Filters, expressions and the data tree, unit by unit.
@Suite struct FilterAndValueTests {
  @Test(arguments: [
    ("2026-11-22", DocumentLanguage.danish, "22. november 2026"),
    ("2026-11-22", .english, "22 November 2026"),
    ("2024-02-29T23:59:00+01:00", .danish, "29. februar 2024"),
    ("2026-01-05 10:00", .english, "5 January 2026"),
  ])
  func dateFilter(input: String, language: DocumentLanguage, expected: String) throws {
    #expect(try TemplateFilter.date(language).apply(to: .string(input)).get() == .string(expected))
  }

  @Test(arguments: ["2025-02-29", "2026-13-01", "22-11-2026", "2026-11-22X", ""])
  func dateFilterRefusesNonDates(input: String) {
    #expect(throws: FilterMismatch.self) { try TemplateFilter.date(.danish).apply(to: .string(input)).get() }
  }

  @Test func aUserFilterIsUsedByNameAndNamedInHints() throws {
    let template = try Template.compile(
      xml: #"<p xmlns:t="urn:postdesk:template"><a t:text="v|cpr|upper">x</a></p>"#, path: "u.xml",
      filters: userFilters)
    #expect(try template.render(["v": "2211261234"] as TemplateValue, mode: .xml).contains("<a>221126-XXXX</a>"))
    #expect(
      compileFailure(
        xml: #"<p xmlns:t="urn:postdesk:template"><a t:text="v|cpr">x</a></p>"#, path: "u.xml",
        filters: TemplateFilterSet())
        == "u.xml:1:39: unknown filter cpr in \"v|cpr\" (the filters are date, upper, default)")
    #expect(
      compileFailure(xml: #"<p xmlns:t="urn:postdesk:template"><a t:text="v|cp">x</a></p>"#, path: "u.xml")
        == "u.xml:1:39: unknown filter cp in \"v|cp\" (did you mean cpr?)")
  }

  @Test func upper() throws {
    #expect(try TemplateFilter.upper.apply(to: "æøå straße").get() == "ÆØÅ STRASSE")
    #expect(try TemplateFilter.upper.apply(to: 42).get() == "42")
  }

  /// `t:text` writes date, cpr and upper straight into the output: the text must be what the
  /// filters make as values, escaped.
  @Test(arguments: [
    ("upper", "æøå <b> & \"q\" Straße"), ("upper", "µ and ÿ"), ("upper", "plain\r"), ("upper", ""),
    ("cpr", "2211261234"), ("cpr", "221126-1234"), ("date", "2026-11-22"), ("date", "2024-02-29T23:59:00+01:00"),
    ("date", "0005-01-09"),
  ])
  func filtersWrittenStraightIntoTheOutput(filter: String, input: String) throws {
    let template = try Template.compile(
      xml: #"<p xmlns:t="urn:postdesk:template" lang="da"><a t:text="v|\#(filter)">x</a></p>"#, path: "f.xml",
      filters: userFilters)
    let compiled: TemplateFilter =
      filter == "upper" ? .upper : filter == "cpr" ? .text(userFilters.filters["cpr"]!) : .date(.danish)
    let value = try #require(try compiled.apply(to: .string(input)).get().text)
    let escaped = String(decoding: Escaping.escaped(value, attribute: false), as: UTF8.self)
    #expect(try template.render(["v": .string(input)] as TemplateValue, mode: .xml).contains("<a>\(escaped)</a>"))
  }

  @Test func filtersWrittenStraightIntoTheOutputRefuseWhatDoesNotFit() throws {
    let template = try Template.compile(
      xml:
        #"<p xmlns:t="urn:postdesk:template" lang="da"><a t:text="d|date"/><b t:text="c|cpr"/><i t:text="u|upper"/></p>"#,
      path: "f.xml", filters: userFilters)
    let failure = #expect(throws: TemplateError.self) {
      try template.render(["d": "2026-13-01", "c": "22112612345", "u": ["x"]] as TemplateValue)
    }
    #expect(
      failure?.description == """
        f.xml:1:49: d is '2026-13-01', not a date (the data must give YYYY-MM-DD or an ISO date-time)
        f.xml:1:69: c is '22112612345', not a CPR number (the data must give DDMMYY-SSSS or 10 digits)
        f.xml:1:88: u is a list, not text (the data must give a string or number)
        """)
  }

  @Test func defaultAppliesToMissingAndNullOnly() throws {
    let template = try Template.compile(
      xml:
        #"<p xmlns:t="urn:postdesk:template"><a t:text="x|default:'none'"/><b t:text="y|default:'none'|upper"/></p>"#,
      path: "d.xml")
    #expect(try template.render(["y": .null] as TemplateValue, mode: .xml).contains("<a>none</a><b>NONE</b>"))
    #expect(try template.render(["x": "", "y": "z"] as TemplateValue, mode: .xml).contains("<a></a><b>Z</b>"))
  }

  @Test func truthiness() {
    let values: [(TemplateValue, Bool)] = [
      (true, true), (false, false), (0, false), (1, true), (.double(0), false), ("", false), ("x", true),
      ([], false), ([1], true), (.null, false), ([:], true),
    ]
    for (value, truthy) in values { #expect(value.isTruthy == truthy, "\(value)") }
  }

  @Test func expressionGrammar() {
    #expect(
      ParsedExpression.parse("a.b.0 | default:'x y' |upper")
        == .success(
          .init(
            source: .path(["a", "b", "0"]), filters: [.init(name: "default", argument: "x y"), .init(name: "upper")])))
    #expect(ParsedExpression.parse("'lit'") == .success(.init(source: .literal("lit"), filters: [])))
    #expect(throws: ExpressionSyntaxError.self) { try ParsedExpression.parse("a()").get() }
    #expect(throws: ExpressionSyntaxError.self) { try ParsedExpression.parse("a|").get() }
  }

  @Test func encoderMatchesJSON() throws {
    struct Child: Encodable {
      var name: String
      var age: UInt8
    }
    struct Family: Encodable {
      var surname: String
      var children: [Child]
      var pet: String?
      var income: Double
      var verified: Bool
      var tags: Set<String>
    }
    let family = Family(
      surname: "Ærø", children: [Child(name: "Ida", age: 7)], pet: nil, income: 1.5, verified: true, tags: ["a"])
    let encoded = try TemplateValueEncoding.encode(family)
    let json = try JSONReader.read(Array(try JSONEncoder().encode(family)), path: "x.json")
    #expect(encoded == json)
    #expect(encoded.member("pet") == nil)
  }

  @Test func jsonReader() throws {
    let value = try JSONReader.read(
      Array(#"{"a":"\u00e6\ud83d\ude00\n","b":[1,-2.5e1,true,null],"c":{}}"#.utf8), path: "j")
    #expect(value == ["a": "æ😀\n", "b": [1, .double(-25), true, .null], "c": [:]])
    #expect(throws: TemplateError.self) { try JSONReader.read(Array("{\"a\":1,}".utf8), path: "j") }
    #expect(throws: TemplateError.self) { try JSONReader.read(Array("[1] x".utf8), path: "j") }
    #expect(throws: TemplateError.self) { try JSONReader.read(Array("\"a\nb\"".utf8), path: "j") }
  }

  @Test func renderBytesIsTheRenderedTextsUTF8() throws {
    let template = try Template.compile(
      xml: #"<p xmlns:t="urn:postdesk:template"><a t:text="v">x</a><b t:if="w">æ &amp; ø</b></p>"#, path: "b.xml")
    for data: TemplateValue in [["v": "Åse <&> \"Ø\"", "w": true], ["v": "", "w": false]] {
      for mode in [OutputMode.html, .xml] {
        #expect(
          try template.renderBytes(value: data, mode: mode) == Array(template.render(value: data, mode: mode).utf8))
      }
    }
    #expect(throws: TemplateError.self) { try template.renderBytes(value: [:] as TemplateValue) }
  }

  /// The web desk renders its pages from `Encodable` data straight to bytes, with the words of
  /// the page as a value tree made once inside the data.
  @Test func renderBytesOfEncodableDataIsTheRenderedTextsUTF8() throws {
    struct Page: Encodable {
      var v: String
      var w: Bool
      var m: TemplateValue
    }
    let template = try Template.compile(
      xml: #"<p xmlns:t="urn:postdesk:template"><a t:text="v">x</a><b t:if="w" t:text="m.s.n">n</b></p>"#,
      path: "b.xml")
    let words: TemplateValue = try TemplateValue(encoding: ["s": ["n": "æ & ø"]])
    for page in [Page(v: "Åse <&> \"Ø\"", w: true, m: words), Page(v: "", w: false, m: words)] {
      #expect(try template.renderBytes(page) == Array(template.render(page).utf8))
    }
    let text = try template.render(Page(v: "a", w: true, m: words), mode: .xml)
    #expect(text == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<p><a>a</a><b>æ &amp; ø</b></p>\n")
    // Data that cannot be encoded is the template's error, as `render(_:)` has it.
    struct Unencodable: Encodable, Error {
      func encode(to encoder: any Encoder) throws { throw self }
    }
    #expect(throws: TemplateError.self) { try template.renderBytes(Unencodable()) }
  }

  /// A record built member by member with `append` reads as one built by name, below and past
  /// the size at which objects keep a hash index.
  @Test func appendedMembersAreFoundAsSetOnes() throws {
    for count in [3, 16, 17, 40, 64, 65, 100] {
      var appended = TemplateObject(minimumCapacity: count)
      var set = TemplateObject()
      for n in 0..<count {
        appended.append("member\(n)", .int(n))
        set["member\(n)"] = .int(n)
      }
      #expect(appended == set)
      #expect(appended.keys == set.keys)
      for n in 0..<count { #expect(appended["member\(n)"] == .int(n)) }
      #expect(appended["member\(count)"] == nil)
      appended["member0"] = .string("again")
      #expect(appended.count == count && appended["member0"] == "again")
    }
  }

  /// A part of a page that makes its own value tree and encodes it as one value is taken as it
  /// is by the engine's encoder, and encodes to the same JSON as the tree.
  @Test func aRecordEncodingItsTreeAsOneValueIsTakenWhole() throws {
    struct Part: Encodable {
      var value: TemplateValue
      func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
      }
    }
    struct Page: Encodable {
      var part: Part
      var n: Int
    }
    let tree: TemplateValue = ["a": "x", "b": [1, 2], "c": ["d": true]]
    let encoded = try TemplateValueEncoding.encode(Page(part: Part(value: tree), n: 1))
    #expect(encoded == ["part": tree, "n": 1])
    let json = try JSONReader.read(Array(try JSONEncoder().encode(Page(part: Part(value: tree), n: 1))), path: "j")
    #expect(json == encoded)
  }

  /// A template with constant data written in renders what the template renders from the same
  /// data, byte for byte, in both modes: texts, attributes (text, numbers, true, false, empty),
  /// paths into lists, constants read by conditions, loops and filters, and the same errors for
  /// a missing value, a value that is not text and a character XML does not allow.
  @Test func aSpecializedTemplateRendersTheSame() throws {
    let template = try Template.compile(
      xml: #"""
        <p xmlns:t="urn:postdesk:template" t:attr-lang="lang"><a t:text="m.s.a">a</a><b t:attr-title="m.s.q" \#
        t:attr-data-n="m.s.n" t:attr-hidden="m.s.yes" t:attr-id="m.s.no" t:attr-class="m.s.empty">b</b>\#
        <c t:text="m.s.list.1">c</c><d t:if="m.s.yes" t:text="m.s.upper|upper">d</d>\#
        <e t:each="x in m.s.list" t:text="x">e</e><f t:text="v">f</f><g t:text="m.s.n">g</g></p>
        """#, path: "s.xml")
    let words: TemplateValue = [
      "s": [
        "a": "Æ & <b>", "q": "\"quoted\" & 'single'", "n": 42, "yes": true, "no": false, "empty": "",
        "list": ["zero", "one"], "upper": "straße",
      ]
    ]
    let constants: TemplateObject = ["m": words, "lang": "da"]
    let specialized = template.specialized(with: constants)
    for v in ["x", "<y>"] {
      let data: TemplateValue = ["m": words, "lang": "da", "v": .string(v)]
      for mode in [OutputMode.html, .xml] {
        #expect(try specialized.render(value: data, mode: mode) == template.render(value: data, mode: mode))
      }
    }
    // What the render reports, it still reports.
    let faulty = try Template.compile(
      xml: #"<p xmlns:t="urn:postdesk:template"><a t:text="m.missing">a</a><b t:text="m.s">b</b>"#
        + #"<c t:text="m.bad">c</c><d t:attr-title="m.s">d</d></p>"#, path: "f.xml")
    let bad: TemplateValue = ["s": ["a": "x"], "bad": "a\u{1}b"]
    let errors = { (template: Template) -> String in
      do {
        _ = try template.render(value: ["m": bad], mode: .xml)
        return "no error"
      } catch {
        return "\(error)"
      }
    }
    #expect(errors(faulty.specialized(with: ["m": bad])) == errors(faulty))
    #expect(errors(faulty).contains("missing value m.missing"))
  }
}
