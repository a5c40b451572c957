import Foundation
import Testing

@testable import BatchPrinting

/// The batch's message UUIDs and its style cut.
@Suite("letters print: byte helpers")
struct BatchSupportTests {
  @Test func uuidIsVersion4FormAndStable() {
    let uuid = BatchDigest.messageUUID("batch/000001")
    #expect(uuid == BatchDigest.messageUUID("batch/000001"))
    #expect(uuid != BatchDigest.messageUUID("batch/000002"))
    let parts = uuid.split(separator: "-").map(\.count)
    #expect(parts == [8, 4, 4, 4, 12])
    #expect(Array(uuid)[14] == "4")
    #expect("89AB".contains(Array(uuid)[19]))
    #expect(uuid == uuid.uppercased())
  }

  @Test func styleCutReadsTheLettersWordsAsBytes() {
    // Upper-case tags and attribute names, a class among others, and a script whose text
    // names a class the letter does not have.
    let html = """
      <html><head><style>.used { color: red } .unused { color: blue } p { margin: 0 } dl { margin: 1 }</style></head>
      <BODY><P CLASS="other used">x</P><script>var s = "<dl class='unused'>";</script></BODY></html>
      """
    let cut = String(decoding: BatchStyle().apply(Array(html.utf8)), as: UTF8.self)
    #expect(cut.contains("<style>\n.used{color:red}\np{margin:0}\n</style>"), "\(cut)")
    #expect(
      cut.hasSuffix(
        "</style></head>\n<BODY><P CLASS=\"other used\">x</P><script>var s = \"<dl class='unused'>\";</script></BODY></html>"
      ))
  }
}

/// Output files are whole before they have their names, both ways of writing them.
@Suite("letters print: output files")
struct BatchFileWriterTests {
  @Test(arguments: [true, false]) func writesWholeFilesAndLeavesNothingElse(nameless: Bool) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var writer = BatchFileWriter(folder: folder, nameless: nameless)
    let big = [UInt8](repeating: 65, count: 70_000)
    try writer.write(big, to: "print/8000/000001.html")
    try writer.write(Array("<x/>".utf8), to: "print/8000/000001.xml")
    try writer.write([], to: "held/101/000002.html")
    // A name that is already there (a resume that re-makes a letter) is replaced.
    try writer.write(Array("again".utf8), to: "print/8000/000001.xml")
    #expect(FileManager.default.contents(atPath: "\(folder)/print/8000/000001.html") == Data(big))
    #expect(FileManager.default.contents(atPath: "\(folder)/print/8000/000001.xml") == Data("again".utf8))
    #expect(FileManager.default.contents(atPath: "\(folder)/held/101/000002.html") == Data())
    let all = try FileManager.default.subpathsOfDirectory(atPath: folder).sorted()
    #expect(
      all == [
        "held", "held/101", "held/101/000002.html", "print", "print/8000", "print/8000/000001.html",
        "print/8000/000001.xml",
      ])
  }
}
