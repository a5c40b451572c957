import Foundation

/// Small PDFs written byte by byte for the tests of enclosures: good ones and every kind of
/// hostile one the batch must refuse or clean, made on the spot instead of committed.
public enum HostilePDF {
  /// A4 in points, as a `MediaBox`.
  public static let a4 = "[0 0 595.28 841.89]"

  /// A PDF of `objects` (object 1 first, numbered in order), its trailer's `/Root` object 1,
  /// with a correct cross-reference table.
  public static func document(_ objects: [[UInt8]], trailer: String = "") -> [UInt8] {
    var bytes = Array("%PDF-1.7\n%\u{e2}\u{e3}\u{cf}\u{d3}\n".utf8)
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
      offsets.append(bytes.count)
      bytes += Array("\(index + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
    }
    let xref = bytes.count
    var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
    table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R \(trailer)>>\nstartxref\n\(xref)\n%%EOF\n"
    return bytes + Array(table.utf8)
  }

  /// Text objects.
  public static func document(_ objects: [String], trailer: String = "") -> [UInt8] {
    document(objects.map { Array($0.utf8) }, trailer: trailer)
  }

  /// A stream object of `content` with `dictionary` entries.
  public static func stream(_ content: [UInt8], _ dictionary: String = "") -> [UInt8] {
    Array("<< /Length \(content.count) \(dictionary)>>\nstream\n".utf8) + content + Array("\nendstream".utf8)
  }

  /// A one-page PDF: catalog (with `catalog` entries), page tree, a page of `box` with
  /// `page` entries, a content stream drawing a line; `extra` objects from number 5 on.
  public static func onePage(box: String = a4, catalog: String = "", page: String = "", extra: [[UInt8]] = [])
    -> [UInt8]
  {
    document(
      [
        Array("<< /Type /Catalog /Pages 2 0 R \(catalog)>>".utf8),
        Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
        Array("<< /Type /Page /Parent 2 0 R /MediaBox \(box) /Contents 4 0 R \(page)>>".utf8),
        stream(Array("0 0 m 100 100 l S".utf8)),
      ] + extra)
  }

  /// A page tree whose one node is `pages` (object 2), with a page (object 3) for it to name.
  public static func pageTree(_ pages: String, catalog: String = "/Pages 2 0 R") -> [UInt8] {
    document([
      "<< /Type /Catalog \(catalog) >>", pages,
      "<< /Type /Page /Parent 2 0 R /MediaBox \(a4) /Contents 4 0 R >>",
      "<< /Length 0 >>\nstream\n\nendstream",
    ])
  }

  /// The five broken page trees of issue 24 and one of no pages, by what is wrong.
  public static let brokenTrees: [(String, [UInt8])] = [
    ("no /Pages", pageTree("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", catalog: "")),
    ("/Pages not a dictionary", pageTree("[3 0 R]")),
    ("a kid that is a number", pageTree("<< /Type /Pages /Kids [3 0 R 42] /Count 2 >>")),
    ("a missing kid", pageTree("<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 >>")),
    ("a loop", pageTree("<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>")),
    ("no pages", pageTree("<< /Type /Pages /Kids [] /Count 0 >>")),
  ]

  /// A PDF of `count` A4 pages, each an object of its own.
  public static func pages(_ count: Int) -> [UInt8] {
    var objects = [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [\((0..<count).map { "\($0 + 3) 0 R" }.joined(separator: " "))] /Count \(count) >>",
    ]
    for _ in 0..<count { objects.append("<< /Type /Page /Parent 2 0 R /MediaBox \(a4) >>") }
    return document(objects)
  }

  /// An A4 page using Helvetica without embedding it.
  public static let fontNotEmbedded = onePage(
    page: "/Resources << /Font << /F1 5 0 R >> >>",
    extra: [Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".utf8)])

  /// A US Letter page (8.5 x 11 in) with a font not embedded and JavaScript on opening: issue
  /// 23's enclosure.
  public static let usLetter = onePage(
    box: "[0 0 612 792]", catalog: "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>",
    page: "/Resources << /Font << /F1 5 0 R >> >>",
    extra: [Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".utf8)])

  /// An A4 page with everything active a PDF can carry: JavaScript on opening and in the
  /// catalog's and the page's additional actions, a name tree of JavaScript and of an embedded
  /// file, a link that launches a program, a file attachment annotation and an empty form.
  public static let activeContent = onePage(
    catalog: "/OpenAction 5 0 R /AA << /WC 5 0 R >> /Names << /JavaScript << /Names [(a) 5 0 R] >> "
      + "/EmbeddedFiles << /Names [(evil.exe) 6 0 R] >> >> /AcroForm << /Fields [] >> ",
    page: "/AA << /O 5 0 R >> /Annots [7 0 R 8 0 R 9 0 R]",
    extra: [
      Array("<< /S /JavaScript /JS (app.launchURL\\('http://127.0.0.1/'\\)) >>".utf8),
      Array("<< /Type /Filespec /F (evil.exe) /EF << /F 10 0 R >> >>".utf8),
      Array("<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Launch /F (calc.exe) >> >>".utf8),
      Array("<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS 6 0 R >>".utf8),
      Array("<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (A note) /A 5 0 R >>".utf8),
      stream(Array("MZ not really a program".utf8), "/Type /EmbeddedFile"),
    ])

  /// An A4 page whose content is a Flate stream that inflates to `megabytes` of zeros (the
  /// compressed stream is some 1/150 of that: fixed Huffman codes, each a copy of 258 bytes).
  public static func inflateBomb(megabytes: Int) -> [UInt8] {
    var deflate = BitWriter()
    let total = megabytes << 20
    deflate.bits(1, 1)  // the last block
    deflate.bits(1, 2)  // fixed Huffman codes
    deflate.fixedLiteral(0)
    var written = 1
    while written + 258 <= total {
      deflate.reversed(0b1100_0101, 8)  // length code 285: 258 bytes
      deflate.reversed(0, 5)  // distance code 0: 1 byte back
      written += 258
    }
    while written < total {
      deflate.fixedLiteral(0)
      written += 1
    }
    deflate.reversed(0, 7)  // end of block (256)
    var zlib: [UInt8] = [0x78, 0x01] + deflate.finished
    // Adler-32 of `total` zero bytes: a = 1, b = total mod 65521.
    let b = UInt32(total % 65521)
    zlib += [UInt8(b >> 8), UInt8(b & 0xff), 0, 1]
    return document([
      Array("<< /Type /Catalog /Pages 2 0 R >>".utf8),
      Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
      Array("<< /Type /Page /Parent 2 0 R /MediaBox \(a4) /Contents 4 0 R >>".utf8),
      stream(zlib, "/Filter /FlateDecode"),
    ])
  }

  /// Writes a deflate stream: bits least significant first, Huffman codes most significant first.
  struct BitWriter {
    var bytes: [UInt8] = []
    var current: UInt32 = 0
    var count = 0

    mutating func bits(_ value: UInt32, _ width: Int) {
      for index in 0..<width { push(value >> index & 1) }
    }

    mutating func reversed(_ code: UInt32, _ width: Int) {
      for index in (0..<width).reversed() { push(code >> index & 1) }
    }

    /// A literal byte below 144: the 8-bit code 0x30 + value.
    mutating func fixedLiteral(_ value: UInt32) { reversed(0x30 + value, 8) }

    private mutating func push(_ bit: UInt32) {
      current |= bit << count
      count += 1
      if count == 8 {
        bytes.append(UInt8(current))
        current = 0
        count = 0
      }
    }

    /// The bytes, the last one padded.
    var finished: [UInt8] { count > 0 ? bytes + [UInt8(current)] : bytes }
  }
}
