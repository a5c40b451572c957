import DigitalPost
import Foundation
import Testing

@testable import Registry

/// The web desk's letters kept by the registry (issue 25 item 1): kept with the action's
/// records or not at all, read back by action, name and format with their centre, printed once,
/// forgotten after the retention period; and the file that holds them its owner's only.
@Suite("kept documents")
struct KeptDocumentTests {
  static let aarhus = MunicipalityCode(751)!
  static let day = Date(timeIntervalSince1970: 1_795_000_000)

  struct Refused: Error {}

  @Test("a document is kept with its transaction, and not at all when the transaction fails")
  func keptWithTheTransaction() throws {
    let registry = try Registry.inMemory()
    let letter = Data("<p>Kære Åse</p>".utf8)
    try registry.write(Fixtures.clerk) { tx in
      try tx.keepDocument(
        action: "a1", name: "exemption-form", format: "html", centre: Self.aarhus, madeAt: Self.day, contents: letter)
    }
    #expect(
      try registry.keptDocument(action: "a1", name: "exemption-form", format: "html")
        == KeptDocument(centre: Self.aarhus, format: "html", contents: letter, madeAt: Self.day))
    #expect(try registry.keptDocument(action: "a1", name: "exemption-form", format: "pdf") == nil)
    #expect(try registry.keptDocument(action: "a2", name: "exemption-form", format: "html") == nil)

    #expect(throws: Refused.self) {
      try registry.write(Fixtures.clerk) { tx in
        try tx.keepDocument(
          action: "a2", name: "exemption-decision", format: "html", centre: Self.aarhus, madeAt: Self.day,
          contents: letter)
        throw Refused()
      }
    }
    #expect(try registry.keptDocument(action: "a2", name: "exemption-decision", format: "html") == nil)
    #expect(try Fixtures.count(registry, "kept_document") == 1)
  }

  @Test("a PDF printed later is kept once: a second print gives the first one's bytes")
  func printedOnce() throws {
    let registry = try Registry.inMemory()
    let first = try registry.keepDocumentOnce(
      action: "a1", name: "exemption-form", format: "pdf", centre: Self.aarhus, madeAt: Self.day,
      contents: Data("%PDF-1".utf8))
    let second = try registry.keepDocumentOnce(
      action: "a1", name: "exemption-form", format: "pdf", centre: Self.aarhus, madeAt: Self.day,
      contents: Data("%PDF-2".utf8))
    #expect(first == Data("%PDF-1".utf8))
    #expect(second == first)
  }

  @Test("documents made before the limit are forgotten, the others kept")
  func forgotten() throws {
    let registry = try Registry.inMemory()
    try registry.write(Fixtures.clerk) { tx in
      for (action, days) in [("old", 31.0), ("new", 29.0)] {
        try tx.keepDocument(
          action: action, name: "letter", format: "html", centre: Self.aarhus,
          madeAt: Self.day.addingTimeInterval(-days * 86_400), contents: Data())
      }
    }
    #expect(try registry.forgetDocuments(madeBefore: Self.day.addingTimeInterval(-30 * 86_400)) == 1)
    #expect(try registry.keptDocument(action: "old", name: "letter", format: "html") == nil)
    #expect(try registry.keptDocument(action: "new", name: "letter", format: "html") != nil)
  }

  @Test("a new registry file, and the files SQLite keeps beside it, are their owner's only (0600)")
  func fileClosedToOthers() throws {
    let path = try Fixtures.temporaryDirectory().appendingPathComponent("registry.sqlite").path
    let registry = try Registry(path: path)
    try registry.write(Fixtures.clerk) { tx in
      try tx.keepDocument(
        action: "a1", name: "exemption-form", format: "html", centre: Self.aarhus, madeAt: Self.day,
        contents: Data("140382-3518".utf8))
    }
    for file in [path, "\(path)-wal", "\(path)-shm"] {
      let attributes = try FileManager.default.attributesOfItem(atPath: file)
      #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600, "\(file)")
    }
  }
}
