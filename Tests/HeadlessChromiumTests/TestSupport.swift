import Foundation

/// Fixtures, temporary files and the command-line tools (poppler-utils, qpdf) that check PDFs.
enum TestSupport {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  /// The project's rendered letters: the golden files of the desk's end-to-end tests, so the
  /// PDFs are made from exactly what the desk writes.
  static let fixtures = root.appendingPathComponent("Tests/PostDeskCommandTests/Golden")

  /// 22 November 2026, 00:00 UTC: the date the PDFs are to carry.
  static let date = Date(timeIntervalSince1970: 1_795_305_600)

  /// The project's rendered letters (and one form), by file name.
  static func fixture(_ name: String) throws -> Data {
    try Data(contentsOf: fixtures.appendingPathComponent(name))
  }

  static let letters = [
    "decision.granted.da.html", "decision.refused.en.html", "access.new.owner.da.html", "notice.sofie.ase.da.html",
  ]

  /// A letter without what ties it to its place in a document, so that it prints in a run, as
  /// a letter rendered with `printRun` is: the style sheets of the later pages' margin, header
  /// and "Side n af N" (`page-numbers-*`, `page-head-*` of templates/layout.xhtml).
  static func runSafe(_ html: Data) -> Data {
    let text = String(decoding: html, as: UTF8.self).replacingOccurrences(
      of: #"(?s)<style id="page-(numbers|head)-[a-z]+"[^>]*>.*?</style>"#, with: "",
      options: .regularExpression)
    return Data(text.utf8)
  }

  static func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hc-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// Runs `tool` with `arguments`; its exit status and standard output (standard error after it).
  @discardableResult
  static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Writes `pdf` to a temporary file for the tools, and removes it after `body`.
  static func withFile<T>(_ pdf: Data, _ body: (String) throws -> T) throws -> T {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("hc-\(UUID().uuidString).pdf")
    try pdf.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    return try body(file.path)
  }

  static func info(_ pdf: Data) throws -> String { try withFile(pdf) { try run("pdfinfo", [$0]).output } }
  static func text(_ pdf: Data) throws -> String { try withFile(pdf) { try run("pdftotext", [$0, "-"]).output } }
  static func fonts(_ pdf: Data) throws -> String { try withFile(pdf) { try run("pdffonts", [$0]).output } }
  static func check(_ pdf: Data) throws -> Int32 { try withFile(pdf) { try run("qpdf", ["--check", $0]).status } }

  /// The PDF's objects as text, streams uncompressed (qpdf's QDF form).
  static func objects(_ pdf: Data) throws -> String {
    try withFile(pdf) { path in
      let out = path + ".qdf"
      defer { try? FileManager.default.removeItem(atPath: out) }
      try run("qpdf", ["--qdf", "--object-streams=disable", path, out])
      return String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
    }
  }

  /// The value of `field` in pdfinfo's answer.
  static func field(_ field: String, in info: String) -> String {
    for line in info.split(separator: "\n") where line.hasPrefix(field + ":") {
      return line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces)
    }
    return ""
  }

  /// Whether a process with `pid` exists (and is not a zombie).
  static func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return false }
    return stat[stat.index(close, offsetBy: 2)] != "Z"
  }

  /// The processes of process group `group`.
  static func members(ofGroup group: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return false }
      let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
      return fields.count > 2 && Int32(fields[2]) == group && fields[0] != "Z"
    }
  }
}
