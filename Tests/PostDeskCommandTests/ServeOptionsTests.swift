import Foundation
import PostDeskTestSupport
import Testing

/// `postdesk serve`'s options for the letters it keeps and the proxy it trusts: refused at start
/// when they cannot be right; the letters kept in the registry file, closed to others.
@Suite("postdesk serve: documents kept and trusted proxy")
struct ServeOptionsTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
  }

  @Test func refusedAtStart() throws {
    let proxy = try cli.run(["serve", "--port", "0", "--trusted-proxy", "proxy.example"])
    #expect(proxy.status == 1)
    #expect(proxy.stderr == "--trusted-proxy proxy.example is not an IP address; give the proxy's, e.g. 127.0.0.1\n")
    let days = try cli.run(["serve", "--port", "0", "--keep-documents", "0"])
    #expect(days.status == 1)
    #expect(days.stderr == "--keep-documents 0 is not a positive number of days; give e.g. 30\n")
    #expect(!FileManager.default.fileExists(atPath: cli.path("postdesk-documents")))
  }

  @Test func documentsInTheRegistryClosedToOthers() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BatchTestSupport.binary)
    process.arguments = ["serve", "--port", "0", "--trusted-proxy", "127.0.0.1", "--db", cli.db]
    var environment = ProcessInfo.processInfo.environment
    environment["POSTDESK_TEMPLATES"] = DeskCLI.templates
    process.environment = environment
    process.currentDirectoryURL = FileManager.default.temporaryDirectory
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer {
      process.terminate()
      process.waitUntilExit()
    }
    // `serve` prints its one line once it listens.
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line += chunk
    }
    #expect(String(decoding: line, as: UTF8.self).hasPrefix("PostDesk web desk on http://127.0.0.1:"))
    // The letters sit in the registry file, which a new registry makes its owner's only; no
    // folder of letters beside it.
    let attributes = try FileManager.default.attributesOfItem(atPath: cli.db)
    #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)
    #expect(!FileManager.default.fileExists(atPath: cli.path("postdesk-documents")))
    // `--documents` is gone with the folder: a usage error.
    #expect(try cli.run(["serve", "--port", "0", "--documents", "x"]).status == 64)
  }
}
