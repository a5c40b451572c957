import BatchPrinting
import DigitalPost
import Documents
import Foundation
import PostDeskTestSupport
import Registry
import Testing
import XMLTemplates

/// Input a batch must not pass on: bytes that are not UTF-8, characters XML forbids, lines
/// too long to hold, MeMo that would not be valid on the way out, entity references, file
/// names and formats that are not what they claim, and inputs that are not files. Each letter
/// is rejected with its reason, the rest of the batch goes on, and `rejects.csv` names no CPR
/// number in clear.
@Suite("letters print: input it refuses")
final class BatchInputRefusalTests {
  typealias S = BatchTestSupport
  let dir: String
  let registry: Registry

  init() throws {
    dir = try S.temporaryFolder("refusal")
    registry = try S.registry(at: "\(dir)/registry.sqlite")
  }

  deinit {
    try? FileManager.default.removeItem(atPath: dir)
  }

  func print(_ inputs: [String], _ name: String) throws -> BatchPrinter.Summary {
    try BatchPrinter(registry: registry, options: S.options(inputs, "\(dir)/\(name)")).run()
  }

  /// One letter of the sample mailing with `subject` and `recipient` as given (raw JSON text).
  static func line(subject: String, recipient: String = "050531-3216") -> [UInt8] {
    line(subject: Array(subject.utf8), recipient: recipient)
  }

  static func line(subject: [UInt8], recipient: String = "050531-3216") -> [UInt8] {
    Array(
      """
      {"recipient": "\(recipient)", "template": "letter", "lang": "da", "date": "2026-11-23", \
      "sender": {"name": "Borgerservice Aarhus", "municipality": "Aarhus Kommune", "street": "Rådhuspladsen 2", \
      "postcode": "8000", "city": "Aarhus C", "cvr": "55133018", "phone": "89 40 20 00"}, \
      "fields": {"reference": "BS-1", "subject": "
      """.utf8) + subject + Array("\", \"paragraphs\": [\"Tekst.\"]}}".utf8)
  }

  @Test func mailingLinesThatCannotPrintAreRejectedWithTheirReasons() throws {
    var mailing: [UInt8] = []
    mailing += Self.line(subject: "Godt") + [10]
    mailing += Self.line(subject: Array("S".utf8) + [0xF8] + Array("ren".utf8)) + [10]
    mailing += Self.line(subject: "Bell \\u0007 here") + [10]
    mailing += Self.line(subject: "Not a character \\ufffe") + [10]
    mailing += Self.line(subject: String(repeating: "x", count: 1 << 20)) + [10]
    mailing += Self.line(subject: "Mistyped", recipient: "0102O3-1234") + [10]
    mailing += Self.line(subject: "Also good") + [10]
    let path = "\(dir)/mailing.jsonl"
    try Data(mailing).write(to: URL(fileURLWithPath: path))
    let summary = try print([path], "out")
    #expect(summary.letters == 7)
    #expect(summary.rejected == 5)
    let rejects = S.rows("\(dir)/out/rejects.csv")
    // The column counts characters, as an editor does; the line has some of more than one byte.
    let offset =
      String(decoding: Self.line(subject: "S"), as: UTF8.self).unicodeScalars.count
      - "\", \"paragraphs\": [\"Tekst.\"]}}".unicodeScalars.count + 1
    #expect(
      rejects == [
        "2,\(path):2,not JSON: bytes that are not UTF-8 at column \(offset); save the mailing as UTF-8",
        "3,\(path):3,\"template letter: subject holds U+0007, a character XML does not allow (take it out of the data)\"",
        "4,\(path):4,\"template letter: subject holds U+FFFE, a character XML does not allow (take it out of the data)\"",
        "5,\(path):5,the line is longer than 1048576 bytes; a letter's line holds at most that",
        "6,\(path):6,\"recipient: \"\"0102O3-XXXX\"\": character 5 (\"\"O\"\") is not a digit; a CPR number is DDMMYY-SSSS or DDMMYYSSSS\"",
      ])
    let all = S.files("\(dir)/out").values.map { String(decoding: $0, as: UTF8.self) }.joined()
    #expect(!all.contains("1234") && !all.contains("\u{7}") && !all.contains("\u{FFFE}") && !all.contains("\u{FFFD}"))
  }

  /// A MeMo message with `label`, `header` before `<memo:Message`, and a file `name` of `format`;
  /// its UUID ends in the file name's first character (a digit), so that each is a message of its own.
  func memo(
    _ fileName: String, label: String, doctype: String = "", name: String = "brev.txt", format: String = "text/plain"
  ) throws -> String {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>\(doctype)
      <memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.1" memoSchVersion="1.1.0">
        <memo:MessageHeader>
          <memo:messageType>DIGITALPOST</memo:messageType>
          <memo:messageUUID>886313E1-3B8A-4372-9B90-0C9AEE199E5\(fileName.prefix(1))</memo:messageUUID>
          <memo:label>\(label)</memo:label>
          <memo:Sender><memo:senderID>29189846</memo:senderID><memo:idType>CVR</memo:idType>
            <memo:label>Aarhus Kommune</memo:label></memo:Sender>
          <memo:Recipient><memo:recipientID>1403823518</memo:recipientID><memo:idType>CPR</memo:idType></memo:Recipient>
        </memo:MessageHeader>
        <memo:MessageBody>
          <memo:createdDateTime>2026-11-23T09:00:00Z</memo:createdDateTime>
          <memo:MainDocument><memo:File><memo:encodingFormat>\(format)</memo:encodingFormat>
            <memo:filename>\(name)</memo:filename><memo:language>da</memo:language>
            <memo:content>SHVzayBkaXQgbcO4ZGUgaSBtb3JnZW4u</memo:content></memo:File></memo:MainDocument>
        </memo:MessageBody>
      </memo:Message>
      """
    let path = "\(dir)/memo/\(fileName)"
    try FileManager.default.createDirectory(atPath: "\(dir)/memo", withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    return path
  }

  @Test func memoMessagesThatCannotPassAreRejected() throws {
    let good = try memo("1-good.xml", label: "Påmindelse")
    let long = try memo("2-long-label.xml", label: String(repeating: "L", count: 300))
    let entity = try memo(
      "3-entity.xml", label: "X&secret;Y", doctype: "\n<!DOCTYPE memo:Message [<!ENTITY secret \"hidden\">]>")
    let traversal = try memo("4-name.xml", label: "Navn", name: "../x.pdf")
    let format = try memo("5-format.xml", label: "Format", format: "application/../../evil")
    let summary = try print(["\(dir)/memo"], "out")
    #expect(summary.letters == 5 && summary.rejected == 4)
    #expect(summary.outcomes[.digital] == 1)
    let rejects = S.rows("\(dir)/out/rejects.csv")
    #expect(rejects.count == 4)
    #expect(rejects[0].hasPrefix("2,\(long),the letterbox message would not be valid MeMo 1.2: 6:5: "))
    #expect(rejects[0].contains("maximum length of '256'"))
    #expect(
      rejects[1]
        == "3,\(entity):7,\"the message refers to the entity &secret;, whose text PostDesk never reads in; write the "
        + "characters themselves, or numeric references such as &#230;\"")
    #expect(
      rejects[2]
        == "4,\(traversal):13,\"the file name \"\"../x.pdf\"\" is not a plain file name (no folders, no control "
        + "characters, at most 255 bytes)\"")
    #expect(
      rejects[3]
        == "5,\(format):13,\"the format \"\"application/../../evil\"\" of brev.txt is not a MIME type such as "
        + "application/pdf\"")
    #expect(good.hasSuffix("1-good.xml"))
  }

  @Test func anInputThatIsNotAFileStopsTheBatchBeforeItStarts() throws {
    let link = "\(dir)/zero.xml"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")
    #expect(
      throws: BatchError("\(link) is not a regular file; give mailings and MeMo messages as plain files")
    ) { try print([link], "out") }
    #expect(!FileManager.default.fileExists(atPath: "\(dir)/out"))
  }
}
