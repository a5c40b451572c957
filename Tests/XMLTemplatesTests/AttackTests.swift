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

  /// A template includes only from its templates folder, a symbolic link out of it included.
  @Test func includesStayInsideTheTemplatesFolder() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-includes-\(UUID())").path
    let outside = root + "-outside"
    try FileManager.default.createDirectory(atPath: root + "/da", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    defer {
      try? FileManager.default.removeItem(atPath: root)
      try? FileManager.default.removeItem(atPath: outside)
    }
    let part = "<html><body><p id=\"x\">\(Self.secret)</p></body></html>"
    try Data(part.utf8).write(to: URL(fileURLWithPath: root + "/layout.xhtml"))
    try Data(part.utf8).write(to: URL(fileURLWithPath: outside + "/evil.xhtml"))
    try FileManager.default.createSymbolicLink(
      atPath: root + "/da/link.xhtml", withDestinationPath: outside + "/evil.xhtml")
    func including(_ target: String) -> String {
      "<html xmlns:t=\"urn:postdesk:template\"><body><div t:include=\"\(target)\">x</div></body></html>"
    }
    let letter = root + "/da/letter.xhtml"
    // Inside the folder given: included.
    let inside = try Template.compile(xml: including("../layout.xhtml#x"), path: letter, includingFrom: root)
    #expect(try inside.render(TemplateValue.object([:])).contains(Self.secret))
    // By default the folder is the template's own: ../ leaves it.
    let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
    #expect(
      compileFailure(xml: including("../layout.xhtml#x"), path: letter)
        == "\(letter):1:50: cannot include ../layout.xhtml#x: \(root)/layout.xhtml is outside the templates folder "
        + "\(resolvedRoot)/da (a template includes only from its own templates folder)")
    for target in ["link.xhtml#x", "/etc/passwd#x", "../../../../../../etc/passwd#x"] {
      let message = compileFailure(xml: including(target), path: letter, includingFrom: root)
      #expect(message.contains("is outside the templates folder"), "\(target): \(message)")
      #expect(!message.contains(Self.secret))
    }
  }

  /// A character XML does not allow never reaches the output: the render fails, naming the value.
  @Test(arguments: ["\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{1F}", "\u{FFFE}", "\u{FFFF}"])
  func charactersXMLForbidsAreRefused(character: String) throws {
    let template = try Template.compile(
      xml:
        "<p xmlns:t=\"urn:postdesk:template\" t:attr-title=\"title\"><b t:text=\"name\">x</b><i t:text=\"name|upper\">x</i></p>",
      path: "p.xhtml")
    let code = String(character.unicodeScalars.first!.value, radix: 16, uppercase: true)
    let padded = String(repeating: "0", count: 4 - code.count) + code
    for (name, title) in [("Søren A\(character)B", "ok"), ("ok", "long text before it \(character)")] {
      let data = TemplateValue.object(["name": .string(name), "title": .string(title)])
      for mode in [OutputMode.html, .xml] {
        do {
          let output = try template.render(data, mode: mode)
          Issue.record("rendered \(output.debugDescription)")
        } catch {
          #expect(
            error.description.contains("holds U+\(padded), a character XML does not allow (take it out of the data)"))
        }
      }
    }
    // Allowed neighbours pass: tab, line feed, U+FFFD and other characters starting with 0xEF.
    let allowed = "a\tb\nc\u{FFFD}\u{FFEE}\u{F900}"
    let output = try template.render(TemplateValue.object(["name": .string(allowed), "title": .string(allowed)]))
    #expect(output.contains("<b>\(allowed)</b>"))
  }
}
