import Testing

@testable import XMLTemplates

/// Markup in data lands as text and attribute values, escaped, in every output mode.
@Suite struct EscapingTests {
  static let template = """
    <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:postdesk:template">
    <body><p t:text="value" t:attr-title="value">x</p><a t:attr-href="value">y</a></body>
    </html>
    """

  static let hostile = [
    "<script>alert(1)</script>",
    "Tom & Jerry \"quoted\" 'single' > <",
    "line\nbreak\ttab\rreturn",
    "</p><p onclick=\"x\">",
    "&amp; already escaped",
  ]

  @Test(arguments: OutputMode.allCases)
  func hostileValuesAreEscaped(mode: OutputMode) throws {
    let compiled = try Template.compile(xml: Self.template, path: "escaping.xhtml")
    var outputs: [String] = []
    for value in Self.hostile {
      outputs.append(try compiled.render(TemplateValue.object(["value": .string(value)]), mode: mode))
    }
    expectGolden(outputs.joined(separator: "----\n"), "escaping.\(mode == .html ? "html" : "xml")")
    for output in outputs {
      #expect(!output.contains("<script>"))
      #expect(!output.contains("<p onclick"))
    }
  }

  @Test func escapedOutputParsesBackToTheSameValues() throws {
    let compiled = try Template.compile(xml: Self.template, path: "escaping.xhtml")
    for value in Self.hostile {
      let xml = try compiled.render(TemplateValue.object(["value": .string(value)]), mode: .xml)
      let document = try SafeXMLDocument(xml: xml)
      let paragraph = try #require(
        document.root?.firstChild(named: "body", namespace: TemplateSyntax.xhtmlNamespace)?
          .firstChild(named: "p", namespace: TemplateSyntax.xhtmlNamespace))
      // A carriage return survives only as a reference, which the escaping writes.
      #expect(paragraph.text == value)
      #expect(paragraph.attribute("title") == value)
    }
  }
}
