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

  /// The word-at-a-time scan finds every byte that needs escaping or leaving out, wherever it stands.
  @Test func everyByteIsEscapedAtEveryPosition() {
    func reference(_ text: String, attribute: Bool) -> String {
      var result = ""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\r": result += "&#13;"
        case "\"" where attribute: result += "&quot;"
        case "\n" where attribute: result += "&#10;"
        case "\t" where attribute: result += "&#9;"
        // A character XML does not allow is never written (the render reports it).
        case "\t", "\n": result.unicodeScalars.append(scalar)
        case _ where scalar.value < 0x20: break
        default: result.unicodeScalars.append(scalar)
        }
      }
      return result
    }
    for byte in UInt8(0)..<128 {
      for position in 0..<19 {
        var scalars = Array(repeating: Unicode.Scalar("æ"), count: 19)
        scalars[position] = Unicode.Scalar(byte)
        // Two-byte letters, and one leading ASCII letter for the odd offsets.
        for text in [String(String.UnicodeScalarView(scalars)), "a" + String(String.UnicodeScalarView(scalars))] {
          for attribute in [false, true] {
            let escaped = String(decoding: Escaping.escaped(text, attribute: attribute), as: UTF8.self)
            #expect(escaped == reference(text, attribute: attribute), "byte \(byte) at \(position)")
          }
        }
      }
    }
  }
}
