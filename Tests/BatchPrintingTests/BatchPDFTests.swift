import BatchPrinting
import DigitalPost
import Foundation
import HeadlessChromium
import PostDeskTestSupport
import Registry
import Testing
import XMLTemplates

/// The PDF batch as the print service and Digital Post take it: every template in both
/// languages printed by headless Chromium and checked with poppler-utils, print orders and
/// letterbox messages against their schemas, MeMo alternatives, fake PDFs and unprintable
/// enclosures, and the same bytes every time.
@Suite("letters print: PDF", .serialized)
final class BatchPDFTests {
  typealias S = BatchTestSupport
  let dir: String
  let registry: Registry

  init() throws {
    dir = try S.temporaryFolder("pdf")
    registry = try S.registry(at: "\(dir)/registry.sqlite")
  }

  deinit { try? FileManager.default.removeItem(atPath: dir) }

  static let sender =
    #"{"name": "Borgerservice Aarhus", "municipality": "Aarhus Kommune", "street": "Rådhuspladsen 2", "postcode": "8000", "city": "Aarhus C", "cvr": "55133018", "phone": "89 40 20 00"}"#

  /// A mailing with one letter of every template in both languages, each with its sample
  /// data (samples/documents), to Karen Møller (exempt, a Danish address: paper), and one
  /// to a citizen with a letterbox.
  func everyTemplate() throws -> String {
    var lines: [String] = []
    let samples = "\(S.root)/samples/documents"
    for file in try FileManager.default.contentsOfDirectory(atPath: samples).sorted() where file.hasSuffix(".json") {
      let parts = file.split(separator: ".")
      let template = String(parts[0])
      let language = String(parts[parts.count - 2])
      let fields = try String(contentsOfFile: "\(samples)/\(file)", encoding: .utf8)
        .replacingOccurrences(of: "\n", with: " ")
      lines.append(
        #"{"recipient": "050531-3216", "template": "\#(template)", "lang": "\#(language)", "date": "2026-11-23", "sender": \#(Self.sender), "fields": \#(fields)}"#
      )
    }
    lines.append(
      #"{"recipient": "140382-3518", "template": "letter", "lang": "da", "date": "2026-11-23", "sender": \#(Self.sender), "fields": {"reference": "BS-1", "subject": "Ændrede åbningstider", "paragraphs": ["Fra mandag."]}}"#
    )
    let path = "\(dir)/every-template.jsonl"
    try lines.joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func print(
    _ inputs: [String], _ name: String, change: (inout BatchPrinter.Options) -> Void = { _ in }
  ) throws -> BatchPrinter.Summary {
    var options = S.options(inputs, "\(dir)/\(name)")
    options.format = .pdf
    options.checkpointEvery = 64
    change(&options)
    return try BatchPrinter(registry: registry, options: options).run()
  }

  static func poppler(_ tool: String, _ arguments: [String]) throws -> String { try Poppler.run(tool, arguments) }

  /// `Key: value` of `pdfinfo`.
  static func info(_ path: String) throws -> [String: String] {
    var fields: [String: String] = [:]
    for line in try poppler("pdfinfo", [path]).split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return fields
  }

  /// The words of page 1 with their boxes (`pdftotext -bbox`), in points from the top left.
  static func words(_ path: String) throws -> [(text: String, x: Double, y: Double, right: Double, bottom: Double)] {
    let html = try poppler("pdftotext", ["-bbox", "-f", "1", "-l", "1", path, "-"])
    let pattern = try NSRegularExpression(
      pattern: #"<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>"#)
    return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
      func group(_ index: Int) -> String { String(html[Range(match.range(at: index), in: html)!]) }
      return (group(5), Double(group(1))!, Double(group(2))!, Double(group(3))!, Double(group(4))!)
    }
  }

  @Test(.timeLimit(.minutes(5))) func everyTemplateInBothLanguagesPrintsAsThePrintServiceTakesIt() throws {
    let mailing = try everyTemplate()
    let summary = try print([mailing], "pdf")
    #expect(summary.rejected == 0, "\(S.rows("\(dir)/pdf/rejects.csv"))")
    _ = try print([mailing], "html") { $0.format = .html }
    let fjernprint = try XMLSchema(path: S.fjernprintSchema)
    let memo = try XMLSchema(path: S.memoSchema)
    let folder = "\(dir)/pdf/print/8700"
    let pdfs = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".pdf") }.sorted()
    #expect(pdfs.count == 22)
    // Issue 23, print point 1: the print shop's index names the files that exist.
    let index = S.rows("\(dir)/pdf/print/index.csv").filter { !$0.hasPrefix("position,") }
    #expect(index.count == 22, "\(index)")
    for row in index {
      let columns = row.split(separator: ",").map(String.init)
      #expect(columns[3].hasSuffix(".pdf") && columns[4].hasSuffix(".xml"), "\(row)")
      for file in columns[3...4] {
        #expect(FileManager.default.fileExists(atPath: "\(dir)/pdf/\(file)"), "\(file) in index.csv")
      }
    }
    // The page counts the HTML letters give printed by Chromium, one by one.
    let pool = try ChromiumPool(size: 1)
    defer { pool.close() }
    let day = Date(timeIntervalSince1970: 1_795_392_000)
    for name in pdfs {
      let path = "\(folder)/\(name)"
      let stem = String(name.dropLast(4))
      // The application form (in both languages, blank or pre-filled) has no address window.
      let html = try String(contentsOfFile: "\(dir)/html/print/8700/\(stem).html", encoding: .utf8)
      let blank = !html.contains("class=\"address-window\"")
      let info = try Self.info(path)
      #expect(info["Page size"]?.hasPrefix("594.96 x 841.92 pts (A4)") == true, "\(name): \(info)")
      #expect(info["Tagged"] == "yes", "\(name)")
      let title = html.components(separatedBy: "<title>")[1].components(separatedBy: "</title>")[0]
        .replacingOccurrences(of: "&amp;", with: "&")
      #expect(info["Title"] == title, "\(name)")
      let alone = try pool.print(document: Data(html.utf8), options: PDFOptions(date: day))
      #expect(Int(info["Pages"] ?? "") == (try PDFPages.count(alone)), "\(name)")
      // Every font embedded: the "emb" column of pdffonts.
      let fonts = try Self.poppler("pdffonts", [path]).split(separator: "\n").dropFirst(2)
      #expect(!fonts.isEmpty && fonts.allSatisfy { $0.split(separator: " ").dropLast(4).last == "yes" }, "\(fonts)")
      // The name and address inside the window: 20-105 mm from the left, 45-90 mm from the top.
      let words = try Self.words(path)
      let mm = 72.0 / 25.4
      for word in ["Karen", "Møller", "Plejecentret", "8700", "Horsens"] where !blank {
        let found = words.filter { $0.text == word }
        #expect(
          found.contains { $0.x >= 20 * mm && $0.right <= 105 * mm && $0.y >= 45 * mm && $0.bottom <= 90 * mm },
          "\(name): \(word) at \(found)")
      }
      // The text extracts, æøå intact: the subject and the name.
      let text = try Self.poppler("pdftotext", [path, "-"]).replacingOccurrences(of: "\n", with: " ")
      #expect(blank || text.contains("Karen Møller"), "\(name)")
      let order = "\(folder)/\(stem).xml"
      #expect(try S.validate(order, against: fjernprint).isEmpty)
      let orderText = try String(contentsOfFile: order, encoding: .utf8)
      #expect(orderText.contains("<dkal:FilformatNavn>PDF</dkal:FilformatNavn>"))
      // The page count is known: the order says it (issue 23, "SideKvantitet").
      #expect(
        orderText.contains("<fjernprint:SideKvantitet>\(info["Pages"] ?? "?")</fjernprint:SideKvantitet>"),
        "\(name)")
      let content = orderText.components(separatedBy: "<dkal:MeddelelseIndholdData>")[1]
        .components(separatedBy: "</dkal:MeddelelseIndholdData>")[0]
      #expect(Data(base64Encoded: content) == FileManager.default.contents(atPath: path))
    }
    // The letterbox letter carries the PDF, and is valid MeMo 1.2.
    let digital = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/pdf/digital")
    #expect(digital.count == 1)
    let message = "\(dir)/pdf/digital/\(digital[0])"
    #expect(try S.validate(message, against: memo).isEmpty)
    let messageText = try String(contentsOfFile: message, encoding: .utf8)
    #expect(messageText.contains("<memo:encodingFormat>application/pdf</memo:encodingFormat>"))
    #expect(messageText.contains("<memo:filename>letter.pdf</memo:filename>"))
    let base64 = messageText.components(separatedBy: "<memo:content>")[1].components(separatedBy: "</memo:content>")[0]
    #expect(Data(base64Encoded: base64)?.starts(with: Array("%PDF-".utf8)) == true)
  }

  @Test(.timeLimit(.minutes(5))) func sameInputGivesTheSameBytesWhateverTheLanesAndCheckpoints() throws {
    let inputs = [S.mailing, S.memoFolder]
    _ = try print(inputs, "a")
    _ = try print(inputs, "b") {
      $0.workers = 1
      $0.checkpointEvery = 5
    }
    let a = S.files("\(dir)/a")
    #expect(a.keys.contains { $0.hasSuffix(".pdf") })
    #expect(a == S.files("\(dir)/b"))
  }

  @Test(.timeLimit(.minutes(5))) func aLongMailingPrintsTheSameBytesInOneLaneOrTwo() throws {
    // Long enough that a lane prints its letters before its share is done (at a block's end).
    let mailing = "\(dir)/long.jsonl"
    try BatchTestSupport.writeMailing(400, at: mailing)
    _ = try print([mailing], "one") {
      $0.workers = 1
      $0.checkpointEvery = 1000
    }
    _ = try print([mailing], "two") { $0.checkpointEvery = 100 }
    let one = S.files("\(dir)/one")
    #expect(one.keys.filter { $0.hasSuffix(".pdf") }.count > 100)
    #expect(one == S.files("\(dir)/two"))
  }

  /// A MeMo message made from the sample with a PDF main document, its files changed by `edit`.
  func memo(_ name: String, _ edit: (String) -> String) throws -> String {
    let text = try String(contentsOfFile: "\(S.memoFolder)/03-pdf-with-enclosure.xml", encoding: .utf8)
    let folder = "\(dir)/memo-\(name)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    // A message of its own (one message is printed once): its UUID ends in its name's byte sum.
    let sum = name.utf8.reduce(0) { $0 + Int($1) }
    let own = text.replacingOccurrences(of: "8C7FADA847DA", with: String(format: "%012d", sum))
    try edit(own).write(toFile: "\(folder)/\(name).xml", atomically: true, encoding: .utf8)
    return folder
  }

  @Test(.timeLimit(.minutes(5))) func alternativesFakePDFsAndUnprintableEnclosures() throws {
    let plain = Data("Afgørelsen som tekst.".utf8).base64EncodedString()
    let alternatives = try memo("alternatives") {
      $0.replacingOccurrences(
        of: "    </memo:MainDocument>",
        with: """
                <memo:File>
                  <memo:encodingFormat>text/plain</memo:encodingFormat>
                  <memo:filename>afgoerelse.txt</memo:filename>
                  <memo:language>da</memo:language>
                  <memo:content>\(plain)</memo:content>
                </memo:File>
              </memo:MainDocument>
          """)
    }
    let fake = try memo("fake") {
      $0.replacingOccurrences(
        of: #"<memo:filename>vejledning.pdf</memo:filename>"#, with: #"<memo:filename>vejledning.pdf</memo:filename>"#
      )
      .replacingOccurrences(
        of:
          #"(<memo:filename>vejledning.pdf</memo:filename>\s*<memo:language>da</memo:language>\s*<memo:content>)[^<]*"#,
        with: "$1" + Data("This is a test".utf8).base64EncodedString(), options: .regularExpression)
    }
    let word = try memo("word") {
      $0.replacingOccurrences(
        of: #"<memo:encodingFormat>application/pdf</memo:encodingFormat>(\s*)<memo:filename>vejledning.pdf"#,
        with: "<memo:encodingFormat>application/msword</memo:encodingFormat>$1<memo:filename>vejledning.doc",
        options: .regularExpression)
    }
    let summary = try print([alternatives, fake, word], "memo")
    #expect(summary.letters == 3)
    let rejects = S.rows("\(dir)/memo/rejects.csv")
    #expect(
      rejects == [
        "2,\(fake)/fake.xml:30,vejledning.pdf says application/pdf but is not a PDF (it does not begin with %PDF-)",
        "3,\(word)/word.xml,\"the enclosure vejledning.doc (application/msword) cannot be printed: the print shop "
          + "prints PDF; give the document as application/pdf, or send the letter to a letterbox\"",
      ], "\(rejects)")
    // The text form of the main document is an alternative, not a second enclosure: one PDF
    // main document and one PDF enclosure, behind a cover sheet.
    let order = try String(contentsOfFile: "\(dir)/memo/print/6700/000001.xml", encoding: .utf8)
    #expect(order.components(separatedBy: "<fjernprint:Bilag>").count == 3)
    #expect(!order.contains("afgoerelse.txt"))
    #expect(order.components(separatedBy: "<dkal:FilformatNavn>PDF</dkal:FilformatNavn>").count == 4)
    // Issue 23, print point 2: the cover sheet names the sender as the message does, once,
    // with the address and telephone it carries, and no sending id as a case number.
    let cover = try Self.poppler("pdftotext", ["-layout", "\(dir)/memo/print/6700/000001.pdf", "-"])
    #expect(cover.contains("Aarhus Kommune, Rådhuspladsen 2, 8000 Aarhus C"), "\(cover)")
    #expect(cover.contains("Telefon") && cover.contains("89 40 20 00"), "\(cover)")
    #expect(!cover.contains("Sagsnr.") && !cover.contains(", ,"), "\(cover)")
    // Once each in the letterhead, the return address, the contact row, the closing and the footer.
    #expect(cover.components(separatedBy: "Aarhus Kommune").count == 6, "\(cover)")
  }
}
