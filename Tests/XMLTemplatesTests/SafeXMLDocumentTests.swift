import Testing

@testable import XMLTemplates

/// The safe parser for untrusted XML: navigation, and every parse error located.
@Suite struct SafeXMLDocumentTests {
  static let memo = "https://DigitalPost.dk/MeMo-1"

  @Test func navigatesAMeMoMessage() throws {
    let document = try SafeXMLDocument(path: Fixtures.schemas + "/examples/MeMo_Minimum_Example.xml")
    let root = try #require(document.root)
    #expect(root.localName == "Message")
    #expect(root.namespaceURI == Self.memo)
    #expect(root.attribute("memoVersion") == "1.2")
    let header = try #require(root.firstChild(named: "MessageHeader", namespace: Self.memo))
    let recipient = try #require(header.firstChild(named: "Recipient", namespace: Self.memo))
    #expect(recipient.firstChild(named: "recipientID", namespace: Self.memo)?.text == "2211771212")
    #expect(recipient.firstChild(named: "recipientID", namespace: nil) == nil)
    #expect(header.children.map(\.localName) == ["messageType", "messageUUID", "label", "Sender", "Recipient"])
    #expect(header.line == 3)
  }

  @Test func namespacedAttributesAndCDATA() throws {
    let document = try SafeXMLDocument(
      xml: #"<a xmlns:x="urn:x" x:k="v" k="w"><b><![CDATA[<raw>]]> &amp; more</b></a>"#)
    let root = try #require(document.root)
    #expect(root.attribute("k", namespace: "urn:x") == "v")
    #expect(root.attribute("k") == "w")
    #expect(root.text == "<raw> & more")
  }

  @Test func collectsEveryParseErrorWithLineAndColumn() {
    let xml = "<a>\n<b>one</c>\n<d e='1' e='2'/>\n</a>"
    #expect(throws: XMLParseError.self) { try SafeXMLDocument(xml: xml, path: "in.xml") }
    do {
      _ = try SafeXMLDocument(xml: xml, path: "in.xml")
    } catch {
      #expect(
        error.description == """
          in.xml:2:11: Opening and ending tag mismatch: b line 2 and c (close every element in the order it was opened)
          in.xml:3:15: Attribute e redefined
          """)
    }
  }

  @Test func missingFileIsReported() {
    do {
      _ = try SafeXMLDocument(path: "/nonexistent/x.xml")
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "/nonexistent/x.xml: cannot read the file (check that the path exists)")
    }
  }
}
