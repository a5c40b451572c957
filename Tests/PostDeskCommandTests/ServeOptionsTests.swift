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
    let (process, lines) = try serve(["--trusted-proxy", "127.0.0.1"], lines: 1)
    defer {
      process.terminate()
      process.waitUntilExit()
    }
    #expect(lines.first?.hasPrefix("PostDesk web desk on http://127.0.0.1:") == true)
    // The letters sit in the registry file, which a new registry makes its owner's only; no
    // folder of letters beside it.
    let attributes = try FileManager.default.attributesOfItem(atPath: cli.db)
    #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)
    #expect(!FileManager.default.fileExists(atPath: cli.path("postdesk-documents")))
    // `--documents` is gone with the folder: a usage error.
    #expect(try cli.run(["serve", "--port", "0", "--documents", "x"]).status == 64)
  }

  @Test func metricsOnAPortOfTheirOwn() throws {
    // Two lines, one per application, in the order they start listening.
    let (process, lines) = try serve(["--metrics-port", "0"], lines: 2)
    defer {
      process.terminate()
      process.waitUntilExit()
    }
    let metrics = try #require(lines.first { $0.hasPrefix("PostDesk metrics on http://127.0.0.1:") })
    #expect(metrics.hasSuffix("/metrics"))
    #expect(lines.contains { $0.hasPrefix("PostDesk web desk on http://127.0.0.1:") })
    let port = try #require(URL(string: String(metrics.dropFirst("PostDesk metrics on ".count)))?.port)
    let scraped = try Self.get("/metrics", port: port)
    #expect(scraped.hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(scraped.contains("# TYPE postdesk_sessions gauge"))
  }

  /// `postdesk serve --port 0 EXTRA…` on the test's registry, started, and the first `lines`
  /// lines it printed (it prints one per application once that listens).
  func serve(_ extra: [String], lines count: Int) throws -> (Process, [String]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BatchTestSupport.binary)
    process.arguments = ["serve", "--port", "0"] + extra + ["--db", cli.db]
    var environment = ProcessInfo.processInfo.environment
    environment["POSTDESK_TEMPLATES"] = DeskCLI.templates
    process.environment = environment
    process.currentDirectoryURL = FileManager.default.temporaryDirectory
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    var text = Data()
    while text.filter({ $0 == UInt8(ascii: "\n") }).count < count {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      text += chunk
    }
    return (process, String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init))
  }

  /// `GET path` on the loopback `port`, as one plain HTTP/1.1 request: the whole answer.
  static func get(_ path: String, port: Int) throws -> String {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    try #require(connected == 0)
    let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
    try #require(write(fd, request, request.count) == request.count)
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = read(fd, &buffer, buffer.count)
      if count <= 0 { break }
      answer += buffer[0..<count]
    }
    return String(decoding: answer, as: UTF8.self)
  }
}
