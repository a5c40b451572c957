import Foundation
import PostDeskTestSupport
import Testing

/// The desk's letters as the envelope and the reader take them (issue 23, print points 4, 5,
/// 6 and 8; layout.xhtml): no address line wraps, and an address the C5 window cannot hold is
/// refused naming the line; the recipient's words inside the window's rectangle
/// (`pdftotext -bbox`); never bare initials under "Med venlig hilsen"; "Side n af N" and a
/// short header on pages 2+ only.
@Suite("letters: the envelope window, the signature, the page numbers")
struct LetterPrintTests {
  let cli: DeskCLI
  /// 60 characters, 91 mm at 10 pt: wider than the window's 80 mm.
  static let longCO = "Plejecentret Solsikken, afdeling for midlertidige ophold"
  static let citizens = """
    cpr,name,street,building,floor,door,postcode,city,co_name,foreign_lines,country,status,status_date,language,municipality,custody_1,custody_2
    010180-1234,Karen Møller,Sofievej,12,,,8000,Aarhus C,"\(longCO)",,,,,da,751,,
    020280-2345,John Smith,,,,,,,,Flat 4|12 Rose Lane|Headington|Oxford|OX3 7AB,GB,emigrated,2020-01-01,en,751,,
    030380-3456,Erik Berg,,,,,,,,Flat 4|12 Rose Lane|Headington|Oxford|Oxfordshire|OX3 7AB,GB,emigrated,2020-01-01,en,751,,
    """

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
    try citizens().write(toFile: cli.path("more.csv"), atomically: true, encoding: .utf8)
    let imported = try cli.run(["citizens", "import", cli.path("more.csv"), "--clerk", "mh", "--centre", "751"])
    #expect(imported.status == 0, "\(imported)")
  }

  func citizens() -> String { Self.citizens + "\n" }

  func poppler(_ tool: String, _ arguments: [String]) throws -> String { try Poppler.run(tool, arguments) }

  /// The words of one page with their boxes in millimetres from the top left.
  func words(_ path: String, page: Int = 1) throws -> [(
    text: String, x: Double, y: Double, right: Double, bottom: Double
  )] {
    let html = try poppler("pdftotext", ["-bbox", "-f", "\(page)", "-l", "\(page)", path, "-"])
    let pattern = try NSRegularExpression(
      pattern: #"<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>"#)
    let mm = 25.4 / 72
    return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
      func group(_ index: Int) -> String { String(html[Range(match.range(at: index), in: html)!]) }
      return (group(5), Double(group(1))! * mm, Double(group(2))! * mm, Double(group(3))! * mm, Double(group(4))! * mm)
    }
  }

  @Test func anAddressLineWiderThanTheWindowIsRefusedNamingTheLine() throws {
    let apply = try cli.run([
      "exemption", "apply", "010180-1234", "--criterion", "impairment", "--id", "passport:2030-01-31", "--centre",
      "751",
      "--clerk", "mh",
    ])
    #expect(apply.status == 0, "\(apply)")
    try cli.expectRefusal(
      ["exemption", "decide", "1", "--grant", "--clerk", "mh", "--out", "karen.html"],
      "the address of 010180-XXXX does not fit the envelope window: the line \"c/o \(Self.longCO)\" is 91 mm wide "
        + "at 10 pt and the window holds 80 mm; shorten the line in the CPR extract and write the letter again")
    let danish = try cli.run(
      ["exemption", "decide", "1", "--grant", "--clerk", "mh", "--out", "karen.html"],
      environment: ["POSTDESK_LANG": "da"])
    #expect(danish.status != 0)
    #expect(
      danish.stderr
        == "adressen på 010180-XXXX kan ikke stå i kuvertens rude: linjen »c/o \(Self.longCO)« er 91 mm bred med "
        + "10 punkt, og ruden har plads til 80 mm; forkort linjen i CPR-udtrækket, og dan brevet igen\n")
    #expect(try cli.show("010180-1234")["exemption"] is NSNull)
  }

  @Test func anAddressOfEightLinesIsRefused() throws {
    let apply = try cli.run([
      "exemption", "apply", "030380-3456", "--criterion", "emigrated", "--centre", "751", "--clerk", "mh",
    ])
    #expect(apply.status == 0, "\(apply)")
    try cli.expectRefusal(
      ["exemption", "decide", "1", "--grant", "--clerk", "mh", "--out", "erik.html"],
      "the address of 030380-XXXX has 8 lines with the name and the envelope window holds 7; shorten it in the CPR "
        + "extract and write the letter again")
  }

  /// Seven lines (the name, five foreign lines, the country) in the window's rectangle on the
  /// sheet, 20-110 mm from the left and 45-90 mm from the top, each on a line of its own.
  @Test func aSevenLineForeignAddressSitsInTheC5WindowWithoutAWrap() throws {
    let apply = try cli.run([
      "exemption", "apply", "020280-2345", "--criterion", "emigrated", "--centre", "751", "--clerk", "mh",
    ])
    #expect(apply.status == 0, "\(apply)")
    let decide = try cli.run(["exemption", "decide", "1", "--grant", "--clerk", "mh", "--out", "john.pdf"])
    #expect(decide.status == 0, "\(decide)")
    let words = try words(cli.path("john.pdf"))
    let address = ["John", "Smith", "Flat", "Rose", "Headington", "Oxford", "OX3", "KINGDOM"]
    var tops: Set<Int> = []
    for word in address {
      let found = words.filter { $0.text == word && $0.y > 45 && $0.y < 95 }
      #expect(found.count == 1, "\(word): \(found)")
      guard let box = found.first else { continue }
      #expect(box.x >= 20 && box.right <= 110 && box.y >= 45 && box.bottom <= 90, "\(word) at \(box)")
      tops.insert(Int(box.y.rounded()))
    }
    #expect(tops.count == 7, "seven lines, one each: \(tops.sorted())")
    // The return address of a letter going abroad names the sender's country.
    #expect(words.contains { $0.text == "DENMARK" && $0.y >= 45 && $0.bottom <= 52 })
  }

  /// "Side n af N" on every page after the first, with the recipient, date and reference;
  /// none on page 1, so a one-page letter carries no number.
  @Test func pagesAfterTheFirstCarryAShortHeaderAndSideNAfN() throws {
    let apply = try cli.run([
      "exemption", "apply", "120940-1653", "--criterion", "impairment", "--id", "passport:2030-01-31",
      "--centre", "101", "--clerk", "ast", "--paper-copies",
    ])
    #expect(apply.status == 0, "\(apply)")
    let decide = try cli.run(["exemption", "decide", "1", "--grant", "--clerk", "ast", "--out", "poul.pdf"])
    #expect(decide.status == 0, "\(decide)")
    let info = try poppler("pdfinfo", [cli.path("poul.pdf")])
    let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }!.split(separator: " ").last!)!
    #expect(!(try poppler("pdftotext", ["-f", "1", "-l", "1", cli.path("poul.pdf"), "-"])).contains("Side "))
    for page in stride(from: 2, through: pages, by: 1) {
      let text = try poppler("pdftotext", ["-layout", "-f", "\(page)", "-l", "\(page)", cli.path("poul.pdf"), "-"])
      #expect(text.contains("Side \(page) af \(pages)"), "page \(page): \(text)")
      #expect(text.contains("Poul Andersen · 22. november 2026 · Sagsnr. FD-2026-000001"), "page \(page): \(text)")
    }
  }

  /// A clerk the deciding centre does not list signs with the name another centre gives them,
  /// or not at all: the centre signs; never the bare id.
  @Test func lettersAreNeverSignedWithBareInitials() throws {
    for (clerk, cpr) in [("kbj", "120940-1653"), ("zq", "311299-0800")] {
      let apply = try cli.run([
        "exemption", "apply", cpr, "--criterion", "impairment", "--id", "passport:2030-01-31", "--centre", "101",
        "--clerk", clerk,
      ])
      #expect(apply.status == 0, "\(apply)")
    }
    let named = try cli.run(["exemption", "decide", "1", "--grant", "--clerk", "kbj", "--out", "named.html"])
    #expect(named.status == 0, "\(named)")
    let unnamed = try cli.run(["exemption", "decide", "2", "--grant", "--clerk", "zq", "--out", "unnamed.html"])
    #expect(unnamed.status == 0, "\(unnamed)")
    let closing = { (file: String) throws -> String in
      let text = try String(contentsOfFile: cli.path(file), encoding: .utf8)
      return text.components(separatedBy: "<div class=\"closing\">")[1].components(separatedBy: "</div>")[0]
    }
    #expect(try closing("named.html").contains("<span>Karen Bjerre</span>"))
    let centreOnly = try closing("unnamed.html")
    #expect(!centreOnly.contains("zq"), "\(centreOnly)")
    #expect(centreOnly.contains("<span>Borgerservice København</span>"), "\(centreOnly)")
  }
}
