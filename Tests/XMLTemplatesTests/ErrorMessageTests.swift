import Foundation
import Testing

@testable import XMLTemplates

/// Every message a template author can meet, with its exact text and location.
@Suite struct ErrorMessageTests {
  static let head = #"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:postdesk:template" lang="da">"#

  /// Compile errors of inline templates: name of the golden file, template body.
  static let compileCases: [(name: String, body: String)] = [
    ("unknown-attribute", #"<p t:iff="x">a</p><p t:txt="x">b</p><p t:attr="x">c</p><p t:zzzzzz="x">d</p>"#),
    ("bad-expression", #"<p t:text="a..b">a</p><p t:text="">b</p><p t:text="'open">c</p><p t:text="a b">d</p>"#),
    ("unknown-filter", #"<p t:text="name|uper">a</p><p t:text="name|default">b</p><p t:text="name|cpr:'x'">c</p>"#),
    ("bad-each", #"<p t:each="x of y">a</p><p t:each="1x in y">b</p>"#),
    ("flags-take-no-value", #"<p t:remove="yes">a</p><p t:omit-tag="x">b</p>"#),
    ("include-with-text", ##"<p t:include="#x" t:text="a">a</p><p id="x">x</p>"##),
    ("include-without-id", #"<p t:include="layout.xhtml">a</p>"#),
    ("self-include", ##"<div id="me"><p t:include="#me">a</p></div>"##),
    ("template-element", #"<t:block>a</t:block>"#),
    ("void-with-content", #"<br>text</br>"#),
    ("text-in-script", #"<script t:text="code">x</script>"#),
    ("entity-reference", "<p>&nbsp;</p>"),
  ]

  @Test(arguments: compileCases.indices)
  func compileErrorIsLocatedAndSaysHowToMend(index: Int) {
    let testCase = Self.compileCases[index]
    let xml = Self.head + "\n<body>\n  " + testCase.body + "\n</body>\n</html>\n"
    expectGolden(
      compileFailure(xml: xml, path: "templates/da/\(testCase.name).xhtml") + "\n", "errors/\(testCase.name).txt")
  }

  @Test func dateFilterNeedsTheDocumentLanguage() {
    let xml = #"<html xmlns:t="urn:postdesk:template"><p t:text="when|date">x</p></html>"#
    #expect(
      compileFailure(xml: xml, path: "no-lang.xhtml")
        == #"no-lang.xhtml:1:42: the date filter needs the document's language in "when|date" "#
        + #"(add lang="da" or lang="en" to the root element)"#)
  }

  @Test func dateFilterNamesAnUnsupportedLanguage() {
    let xml = #"<html xmlns:t="urn:postdesk:template" lang="de"><p t:text="when|date">x</p></html>"#
    #expect(
      compileFailure(xml: xml, path: "de.xhtml")
        == #"de.xhtml:1:52: the date filter writes da and en, not lang="de" in "when|date" "#
        + #"(set lang="da" or lang="en" on the root element)"#)
  }

  @Test func repeatedParseErrorsAreAllReported() {
    let xml = "<p>\n&nbsp;\n&nbsp;\n</p>"
    let hint = " (write the character itself, or a numeric reference such as &#160;)"
    #expect(
      compileFailure(xml: xml, path: "twice.xhtml")
        == "twice.xhtml:2:7: Entity 'nbsp' not defined\(hint)\ntwice.xhtml:3:7: Entity 'nbsp' not defined\(hint)")
  }

  @Test func malformedXMLReportsEveryParseError() {
    let xml = "<html>\n<body>\n<p>one</b>\n<p>two & three</p>\n<p a='1' a='2'>x</p>\n</body></html>\n"
    expectGolden(compileFailure(xml: xml, path: "templates/broken.xhtml") + "\n", "errors/malformed.txt")
  }

  @Test func includeCycleAcrossFilesIsLocated() {
    let failure = compileOnDisk("includes/cycle-a.xhtml")
    expectGolden(failure + "\n", "errors/include-cycle.txt")
  }

  @Test func missingIncludeFileIdAndBrokenIncludedFileAreLocated() {
    expectGolden(compileOnDisk("includes/missing.xhtml") + "\n", "errors/include-missing.txt")
  }

  @Test func missingTemplateFileIsReported() {
    #expect(
      compileOnDisk("includes/none.xhtml")
        == "includes/none.xhtml: cannot read the template (check that the file exists)")
  }

  @Test func missingValuesAreAllReportedWithPathAndLocation() throws {
    let template = try Template.compile(path: Fixtures.path("letter-da.xhtml"), filters: userFilters)
    var data = try #require(try JSONReader.read(Fixtures.bytes("letter.json"), path: "letter.json").objectMembers)
    data["subject"] = nil
    data["recipient"] = .object(["name": .string("A"), "cpr": .string("1234"), "address": .object([:])])
    data["reasons"] = .string("not a list")
    data["letterDate"] = .string("2026-02-30")
    do {
      _ = try template.render(TemplateValue.object(data))
      Issue.record("expected render errors")
    } catch {
      expectGolden(Fixtures.relative(error.description) + "\n", "errors/render-missing-values.txt")
    }
  }

  @Test func invalidJSONIsLocated() throws {
    let template = try Template.compile(path: Fixtures.path("letter-da.xhtml"), filters: userFilters)
    #expect(throws: TemplateError.self) { try template.render(json: Array("{\"a\": [1, }".utf8)) }
    do {
      _ = try template.render(json: Array("{\n  \"a\": [1, }".utf8), dataPath: "data/x.json")
    } catch {
      #expect(error.description == "data/x.json:2:12: invalid JSON: expected a value")
    }
  }

  private func compileOnDisk(_ name: String) -> String {
    do {
      _ = try Template.compile(path: Fixtures.path(name), includingFrom: Fixtures.directory, filters: userFilters)
      Issue.record("expected \(name) not to compile")
      return ""
    } catch {
      return Fixtures.relative(error.description)
    }
  }
}

extension TemplateValue {
  /// The members of an object value, for tests that edit data.
  var objectMembers: TemplateObject? {
    if case .object(let members) = self { return members }
    return nil
  }
}
