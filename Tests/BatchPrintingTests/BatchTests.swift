import BatchPrinting
import DigitalPost
import Documents
import Foundation
import PostDeskTestSupport
import Registry
import Testing
import XMLTemplates

/// The batch printer end to end, in process: routing of every case of §7, the outputs
/// against their schemas, the manifest, determinism, rejects and attacks.
@Suite("letters print: a batch")
final class BatchTests {
  typealias S = BatchTestSupport
  let dir: String
  let registry: Registry

  init() throws {
    dir = try S.temporaryFolder("batch")
    registry = try S.registry(at: "\(dir)/registry.sqlite")
  }

  deinit {
    try? FileManager.default.removeItem(atPath: dir)
  }

  func print(_ inputs: [String], _ name: String, change: (inout BatchPrinter.Options) -> Void = { _ in }) throws
    -> BatchPrinter.Summary
  {
    var options = S.options(inputs, "\(dir)/\(name)")
    change(&options)
    return try BatchPrinter(registry: registry, options: options).run()
  }

  @Test func routesEveryCaseOfSection7() throws {
    let summary = try print([S.mailing], "out")
    #expect(summary.letters == 13)
    #expect(summary.rejected == 3)
    #expect(summary.outcomes == [.paper: 3, .digital: 1, .held: 1, .undeliverable: 3, .custodyHolders: 2])
    #expect(summary.deliveries == [.paper: 4, .digital: 3, .held: 1, .undeliverable: 3])
    let out = "\(dir)/out"
    let files = S.files(out).keys.sorted()
    #expect(
      files == [
        "digital/000001.xml", "digital/000003-1.xml", "digital/000004-1.xml", "held/101/000006.html",
        "manifest.xml", "print/8000/000003-2.html", "print/8000/000003-2.xml", "print/8700/000002.html",
        "print/8700/000002.xml", "print/abroad-DE/000005.html", "print/abroad-DE/000005.xml",
        "print/abroad-US/000009.html", "print/abroad-US/000009.xml", "print/index.csv", "rejects.csv",
        "undeliverable.csv",
      ])
    #expect(
      S.rows("\(out)/undeliverable.csv") == [
        "000007,080337-XXXX,\(S.mailing):7,deceased (returned to the sender)",
        "000008,010190-XXXX,\(S.mailing):8,unknown recipient",
        "000013,120314-XXXX,\(S.mailing):13,under 15 with no custody holder recorded",
      ])
    let rejects = S.rows("\(out)/rejects.csv")
    #expect(rejects.count == 3)
    #expect(rejects[0].hasPrefix("10,\(S.mailing):10,\"unknown template \"\"no-such-template\"\": there is no "))
    #expect(rejects[1].hasPrefix("11,\(S.mailing):11,\"template letter: missing value subject in the data"))
    #expect(rejects[1].contains("subject"))
    #expect(rejects[2].hasPrefix("12,\(S.mailing):12,not JSON: unexpected end of data at column "))
    let index = S.rows("\(out)/print/index.csv").map { $0.split(separator: ",")[1] }
    #expect(index == ["8000", "8700", "abroad-DE", "abroad-US"])
    // No full CPR number in any file name or list.
    for name in files { #expect(!name.contains("0505313216") && !name.contains("050531-3216")) }
    let letter = try String(contentsOfFile: "\(out)/print/8700/000002.html", encoding: .utf8)
    #expect(letter.contains("Karen Møller") && letter.contains("8700 Horsens"))
    let foreign = try String(contentsOfFile: "\(out)/print/abroad-DE/000005.xml", encoding: .utf8)
    #expect(foreign.contains("scheme=\"iso3166-alpha2\">DE<"))
  }

  @Test func printOrdersAndMessagesAreValid() throws {
    _ = try print([S.mailing, S.memoFolder], "out")
    let fjernprint = try XMLSchema(path: S.fjernprintSchema)
    let memo = try XMLSchema(path: S.memoSchema)
    let files = S.files("\(dir)/out").keys.sorted()
    var checked = 0
    for name in files where name.hasSuffix(".xml") && name != "manifest.xml" {
      let schema = name.hasPrefix("print/") ? fjernprint : memo
      #expect(try S.validate("\(dir)/out/\(name)", against: schema) == [], "\(name)")
      if name.hasPrefix("digital/") {
        let text = try String(contentsOfFile: "\(dir)/out/\(name)", encoding: .utf8)
        #expect(text.contains("<memo:Message xmlns:memo=\"https://DigitalPost.dk/MeMo-1\" memoVersion=\"1.2\">"))
      }
      checked += 1
    }
    #expect(checked == 11)
  }

  @Test func manifestCountsAndDigests() throws {
    _ = try print([S.mailing, S.memoFolder], "out")
    let out = "\(dir)/out"
    let manifest = try SafeXMLDocument(path: "\(out)/manifest.xml")
    let root = try #require(manifest.root)
    let ns = "urn:postdesk:batch:1"
    let letters = try #require(root.firstChild(named: "letters", namespace: ns))
    let total = Int(letters.attribute("total") ?? "") ?? -1
    var sum = Int(letters.attribute("rejected") ?? "") ?? 0
    for outcome in ["paper", "digital", "held", "undeliverable", "custody-holders"] {
      sum += Int(letters.attribute(outcome) ?? "") ?? 0
    }
    #expect(total == 17 && sum == total)
    let inputs = try #require(root.firstChild(named: "inputs", namespace: ns)).children
    #expect(inputs.count == 5)
    #expect(inputs.reduce(0) { $0 + (Int($1.attribute("letters") ?? "") ?? 0) } == total)
    let listed = try #require(root.firstChild(named: "files", namespace: ns)).children
    var names = Set<String>()
    for file in listed {
      let name = try #require(file.attribute("name"))
      let data = try #require(FileManager.default.contents(atPath: "\(out)/\(name)"))
      #expect(Self.sha256(data) == file.attribute("sha256"), "\(name)")
      names.insert(name)
    }
    #expect(names == Set(S.files(out).keys).subtracting(["manifest.xml"]))
  }

  static func sha256(_ data: Data) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try? process.run()
    input.fileHandleForWriting.write(data)
    try? input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return String(text.prefix(64))
  }

  @Test func sameInputGivesByteIdenticalOutput() throws {
    _ = try print([S.mailing, S.memoFolder], "a")
    _ = try print([S.mailing, S.memoFolder], "b") {
      $0.checkpointEvery = 1
      $0.workers = 1
    }
    _ = try print([S.mailing, S.memoFolder], "c") {
      $0.checkpointEvery = 1000
      $0.workers = 3
    }
    let a = S.files("\(dir)/a")
    #expect(a.count > 20)
    #expect(a == S.files("\(dir)/b"))
    #expect(a == S.files("\(dir)/c"))
  }

  @Test func asOfOverridesTheLetterDate() throws {
    // Before the import (1 January 2026) nobody is in the register.
    let summary = try print([S.mailing], "out") { $0.asOf = CivilDate(iso: "2025-06-01") }
    #expect(summary.outcomes == [.undeliverable: 10])
    #expect(summary.rejected == 3)
  }

  @Test func memoInputAndItsRejects() throws {
    let summary = try print([S.memoFolder, S.fixtures], "out")
    #expect(summary.letters == 9)
    let rejects = S.rows("\(dir)/out/rejects.csv")
    #expect(rejects.count == 5, "\(rejects)")
    // An entity reference is refused: its text would otherwise silently be missing.
    #expect(rejects.contains { $0.contains("external-entity.xml:") && $0.contains("refers to the entity &secret;") })
    let all = rejects.joined(separator: "\n")
    #expect(all.contains("entity-bomb.xml:") && all.contains("entity"))
    #expect(all.contains("not-well-formed.xml:4,not well-formed XML"))
    #expect(all.contains("wrong-namespace.xml:1,\"not a MeMo message"))
    #expect(all.contains("schema-invalid.xml:") && all.contains("not valid MeMo 1.2"))
    // The external entity is never read.
    for (_, data) in S.files("\(dir)/out") {
      #expect(!String(decoding: data, as: UTF8.self).contains("root:x:0:0"))
    }
    let text = try String(contentsOfFile: "\(dir)/out/print/8700/000001.html", encoding: .utf8)
    #expect(text.contains("Vi har modtaget din ansøgning om boligstøtte. Du hører fra os inden for fire uger."))
    // Issue 23, print point 2: a sender with no address in the message: its name once in the
    // letterhead, no empty address parts, no Telefon row, no sending id as "Sagsnr.".
    #expect(!text.contains(", ,") && !text.contains("<dt>Telefon</dt>") && !text.contains("Sagsnr."), "\(text)")
    #expect(text.components(separatedBy: "class=\"municipality\"").count == 2, "\(text)")
    #expect(!text.contains("class=\"centre\""), "\(text)")
    let xhtml = try String(contentsOfFile: "\(dir)/out/print/abroad-DE/000002.html", encoding: .utf8)
    #expect(xhtml.contains("Du indkaldes til en samtale &amp; en snak.") && !xhtml.contains("alert(1)"))
    let pdf = try String(contentsOfFile: "\(dir)/out/print/6700/000003.xml", encoding: .utf8)
    #expect(pdf.components(separatedBy: "<fjernprint:Bilag>").count == 3)
  }

  @Test func aFinishedBatchRefusesUnlessAsked() throws {
    let first = try print([S.mailing], "out")
    let out = "\(dir)/out"
    #expect(
      throws: BatchError(
        "\(out) holds a finished batch (manifest.xml); give --overwrite to print it again, or choose another --out")
    ) { try print([S.mailing], "out") }
    // Resuming a finished batch (killed after its manifest was written) changes nothing.
    let before = S.files(out)
    let resumed = try print([S.mailing], "out") { $0.resume = true }
    #expect(resumed.letters == 13 && resumed.outcomes == first.outcomes && resumed.deliveries == first.deliveries)
    #expect(S.files(out) == before)
    // Another mailing cannot be resumed into it.
    #expect(throws: BatchError.self) { try print([S.memoFolder], "out") { $0.resume = true } }
    let again = try print([S.mailing], "out") { $0.overwrite = true }
    #expect(again.letters == 13)
    #expect(S.files(out) == before)
    // --overwrite replaces a batch folder, never any other folder.
    try FileManager.default.createDirectory(atPath: "\(dir)/other", withIntermediateDirectories: true)
    try "mine".write(toFile: "\(dir)/other/notes.txt", atomically: false, encoding: .utf8)
    #expect(
      throws: BatchError("\(dir)/other is not empty and holds no batch; --overwrite replaces only a batch folder")
    ) { try print([S.mailing], "other") { $0.overwrite = true } }
    // A file merely named manifest.xml, or .batch/journal, does not make a batch folder.
    let source = "\(dir)/other/src"
    try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
    try "let x = 1".write(toFile: "\(source)/main.swift", atomically: false, encoding: .utf8)
    try "<manifest/>".write(toFile: "\(dir)/other/manifest.xml", atomically: false, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: "\(dir)/other/.batch", withIntermediateDirectories: true)
    try "not a journal".write(toFile: "\(dir)/other/.batch/journal", atomically: false, encoding: .utf8)
    let untouched = S.files("\(dir)/other")
    #expect(
      throws: BatchError("\(dir)/other is not empty and holds no batch; --overwrite replaces only a batch folder")
    ) { try print([S.mailing], "other") { $0.overwrite = true } }
    #expect(S.files("\(dir)/other") == untouched)
    // A real batch folder with something of the user's in it is refused too, and kept whole.
    try "mine".write(toFile: "\(out)/notes.txt", atomically: false, encoding: .utf8)
    let withNotes = S.files(out)
    #expect(
      throws: BatchError(
        "\(out) holds notes.txt, which no batch writes; --overwrite replaces only a batch folder: "
          + "move notes.txt away, or choose another --out")
    ) { try print([S.mailing], "out") { $0.overwrite = true } }
    #expect(S.files(out) == withNotes)
  }

  @Test func aMissingMeMoSchemaChangesNothing() throws {
    #expect(
      throws: BatchError(
        "cannot read the MeMo 1.2 schema /nonexistent/MeMo_core.xsd; give --memo-schema FILE, or set "
          + "POSTDESK_SCHEMAS to the folder that holds memo-1.2/ (the repository's schemas/)")
    ) { try print([S.mailing], "none") { $0.memoSchema = "/nonexistent/MeMo_core.xsd" } }
    #expect(!FileManager.default.fileExists(atPath: "\(dir)/none"))
  }

  @Test func resumeTrustsOnlyTheJournal() throws {
    _ = try print([S.mailing, S.memoFolder], "whole")
    // A batch cut short: its journal ends in a torn checkpoint, with stray outputs beside it.
    _ = try print([S.mailing, S.memoFolder], "cut")
    let cut = "\(dir)/cut"
    let journal = BatchJournalText.whole(S.files("\(dir)/whole"))
    try FileManager.default.removeItem(atPath: "\(cut)/manifest.xml")
    try FileManager.default.createDirectory(atPath: "\(cut)/.batch", withIntermediateDirectories: true)
    try journal.write(toFile: "\(cut)/.batch/journal", atomically: false, encoding: .utf8)
    try "half".write(toFile: "\(cut)/print/8700/.000002.xml.partial", atomically: false, encoding: .utf8)
    try "wrong".write(toFile: "\(cut)/digital/000001.xml", atomically: false, encoding: .utf8)
    _ = try print([S.mailing, S.memoFolder], "cut") { $0.resume = true }
    #expect(S.files(cut) == S.files("\(dir)/whole"))
  }
}

/// A journal as a crash can leave it: the header and nothing trusted after it.
enum BatchJournalText {
  static func whole(_ files: [String: Data]) -> String {
    let manifest = String(decoding: files["manifest.xml"] ?? Data(), as: UTF8.self)
    let id = manifest.split(separator: "id=\"").dropFirst().first?.prefix(32) ?? ""
    return "postdesk-batch 1\t\(id)\nL\t1\tdigital\tx\t\nC\t1\tnot-the-digest\n"
  }
}
