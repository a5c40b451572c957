import Foundation
import Testing

@testable import XMLTemplates

/// Schemas are read from their own folder only, and compiling them from many threads at once,
/// present or missing, neither hangs nor reaches anything else.
@Suite struct SchemaLoadingTests {
  /// A folder with `main.xsd` (its element's type comes from `imported.xsd` beside it), a
  /// schema importing a missing file, one importing a file outside its folder, and one from
  /// the network.
  static func schemaFolder() throws -> String {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-xsd-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: root + "/inner", withIntermediateDirectories: true)
    func importing(_ location: String) -> String {
      """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:o="urn:other" targetNamespace="urn:main">
        <xs:import namespace="urn:other" schemaLocation="\(location)"/>
        <xs:element name="letter" type="o:Text"/>
      </xs:schema>
      """
    }
    let other = """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:other">
        <xs:simpleType name="Text"><xs:restriction base="xs:string"><xs:maxLength value="5"/></xs:restriction></xs:simpleType>
      </xs:schema>
      """
    let files = [
      "inner/main.xsd": importing("imported.xsd"), "inner/imported.xsd": other, "outside.xsd": other,
      "inner/missing.xsd": importing("nowhere.xsd"), "inner/escape.xsd": importing("../outside.xsd"),
      "inner/network.xsd": importing("http://127.0.0.1:9/other.xsd"),
    ]
    for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: "\(root)/\(name)")) }
    return root
  }

  @Test func importsFromItsOwnFolderValidate() throws {
    let root = try Self.schemaFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let schema = try XMLSchema(path: "\(root)/inner/main.xsd")
    #expect(schema.validate(xml: "<letter xmlns=\"urn:main\">short</letter>") == [])
    #expect(schema.validate(xml: "<letter xmlns=\"urn:main\">too long</letter>").count == 1)
  }

  @Test(arguments: ["missing.xsd", "escape.xsd", "network.xsd"])
  func importsFromElsewhereAreNotRead(name: String) throws {
    let root = try Self.schemaFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(throws: XMLParseError.self) { try XMLSchema(path: "\(root)/inner/\(name)") }
  }

  @Test func aMissingSchemaSaysSo() {
    #expect(throws: XMLParseError.self) { try XMLSchema(path: "/nonexistent/MeMo_core.xsd") }
    do {
      _ = try XMLSchema(path: "/nonexistent/MeMo_core.xsd")
    } catch {
      #expect(error.description == "/nonexistent/MeMo_core.xsd: cannot read the schema (check that the path exists)")
    }
  }

  /// libxml2 2.9 set its catalogs up lazily, under a lock that two threads looking for a
  /// missing resource at once deadlocked on; this hung `make test` on a clone without the
  /// schemas. The threads get a minute between them.
  @Test func manyThreadsCompilingAtOnceFinish() throws {
    let root = try Self.schemaFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let paths = [
      "\(root)/inner/main.xsd", "\(root)/inner/missing.xsd", "\(root)/inner/escape.xsd", "\(root)/inner/network.xsd",
      "\(root)/inner/absent.xsd", Fixtures.schemas + "/memo-1.2/MeMo_core.xsd",
    ]
    let group = DispatchGroup()
    let outcomes = Outcomes()
    for thread in 0..<8 {
      group.enter()
      Thread.detachNewThread {
        for round in 0..<12 {
          let path = paths[(thread + round) % paths.count]
          outcomes.record(path: path, compiled: (try? XMLSchema(path: path)) != nil)
        }
        group.leave()
      }
    }
    let finished = group.wait(timeout: .now() + 60) == .success
    #expect(finished, "schema compiles still running after 60 s: a lock in libxml2?")
    guard finished else { return }
    #expect(outcomes.compiled == [paths[0], paths[5]])
    #expect(outcomes.count == 96)
  }
}

/// What the threads of `manyThreadsCompilingAtOnceFinish` found, under a lock.
private final class Outcomes: @unchecked Sendable {
  private let lock = NSLock()
  private var paths: Set<String> = []
  private var total = 0

  func record(path: String, compiled: Bool) {
    lock.lock()
    defer { lock.unlock() }
    total += 1
    if compiled { paths.insert(path) }
  }

  var compiled: Set<String> {
    lock.lock()
    defer { lock.unlock() }
    return paths
  }

  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return total
  }
}
