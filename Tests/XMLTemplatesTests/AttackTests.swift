import Foundation
import Testing

@testable import XMLTemplates

/// Untrusted templates and data cannot read files or exhaust memory.
@Suite struct AttackTests {
  /// A line of /etc/passwd that must never appear in any output or message.
  static let secret = "root:x:0:0"

  static let externalEntity = """
    <?xml version="1.0"?>
    <!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <html xmlns:t="urn:postdesk:template"><body><p>&x;</p></body></html>
    """

  static let externalParameterEntity = """
    <?xml version="1.0"?>
    <!DOCTYPE html [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>
    <html><body><p>text</p></body></html>
    """

  static let externalDTD = """
    <?xml version="1.0"?>
    <!DOCTYPE html SYSTEM "file:///etc/passwd">
    <html><body><p>text</p></body></html>
    """

  static let entityInAttribute = """
    <?xml version="1.0"?>
    <!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <html><body><p title="&x;">text</p></body></html>
    """

  /// Ten levels of ten references: 10^9 "lol"s if expanded.
  static let billionLaughs: String = {
    var lines = [#"<?xml version="1.0"?>"#, "<!DOCTYPE lolz [", #"<!ENTITY lol0 "lol">"#]
    for level in 1...9 {
      lines.append("<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">")
    }
    lines.append("]>")
    lines.append("<lolz>&lol9;</lolz>")
    return lines.joined(separator: "\n")
  }()

  /// One 100 kB entity referenced 100,000 times: 10 GB if expanded.
  static let quadraticBlowup: String = {
    let big = String(repeating: "a", count: 100_000)
    return "<?xml version=\"1.0\"?>\n<!DOCTYPE q [<!ENTITY a \"\(big)\">]>\n<q>"
      + String(repeating: "&a;", count: 100_000) + "</q>"
  }()

  @Test func passwdIsReadable() throws {
    // The attack tests below only prove something if the file exists and holds the secret.
    let passwd = try #require(FileManager.default.contents(atPath: "/etc/passwd"))
    #expect(String(decoding: passwd, as: UTF8.self).contains(Self.secret))
  }

  @Test func templateWithExternalEntityDoesNotReadTheFile() {
    let failure = compileFailure(xml: Self.externalEntity, path: "xxe.xhtml")
    #expect(!failure.contains(Self.secret))
    #expect(
      failure
        == "xxe.xhtml:3:45: entity reference &x; is not allowed in a template (write the character itself, "
        + "or a numeric reference such as &#160;)")
  }

  @Test(arguments: [externalParameterEntity, externalDTD])
  func externalDTDsAndParameterEntitiesAreNotLoaded(xml: String) throws {
    let template = try Template.compile(xml: xml, path: "dtd.xhtml")
    let output = try template.render(TemplateValue.object([:]))
    #expect(!output.contains(Self.secret))
    let document = try SafeXMLDocument(xml: xml)
    #expect(document.root?.text == "text")
  }

  @Test func externalEntityInAnAttributeIsAnError() {
    let failure = compileFailure(xml: Self.entityInAttribute, path: "xxe.xhtml")
    #expect(!failure.contains(Self.secret))
    #expect(failure == "xxe.xhtml:3:26: Attribute references external entity 'x'")
  }

  @Test func dataDocumentWithExternalEntityDoesNotReadTheFile() throws {
    let document = try SafeXMLDocument(xml: Self.externalEntity, path: "memo.xml")
    let root = try #require(document.root)
    #expect(root.text.isEmpty)
    #expect(!root.text.contains(Self.secret))
  }

  @Test func billionLaughsFailsFastWithAClearError() throws {
    let clock = ContinuousClock()
    var message = ""
    let elapsed = clock.measure {
      message = compileFailure(xml: Self.billionLaughs, path: "lol.xhtml")
    }
    #expect(elapsed < .seconds(2))
    #expect(
      message
        == "lol.xhtml:14:13: Detected an entity reference loop: entity expansion refused "
        + "(the document defines entities that expand too much; remove them)")
    #expect(throws: XMLParseError.self) { try SafeXMLDocument(xml: Self.billionLaughs) }
  }

  @Test func quadraticBlowupIsNotExpanded() throws {
    let clock = ContinuousClock()
    var textLength = -1
    let elapsed = try clock.measure {
      let document = try SafeXMLDocument(xml: Self.quadraticBlowup)
      textLength = document.root?.text.count ?? -1
    }
    #expect(textLength == 0)
    #expect(elapsed < .seconds(5))
  }

  @Test func deeplyNestedJSONIsRefused() throws {
    let template = try Template.compile(xml: "<p/>", path: "p.xml")
    let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
    #expect(throws: TemplateError.self) { try template.render(json: deep) }
  }
}
