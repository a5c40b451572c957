import Foundation
import Testing

@testable import HeadlessChromium

/// A browser that dies is replaced; no browser outlives the process that started it, however
/// that process ends; a missing Chromium is named with the package that brings it.
@Suite("browser life", .serialized)
struct BrowserLifeTests {
  typealias S = TestSupport

  /// `chromium-holder` (Tests/ChromiumHolder), built beside the test bundle or in `.build/debug`.
  static var holder: String {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("chromium-holder").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return S.root.appendingPathComponent(".build/debug/chromium-holder").path
  }

  @Test func aMissingChromiumNamesThePackage() throws {
    #expect(throws: ChromiumError.self) {
      try ChromiumProcess.locate(environment: ["PATH": "/nonexistent"], installed: [])
    }
    let error = ChromiumError.notInstalled(searched: ["chromium", "chromium-browser", "google-chrome"])
    #expect(
      error.description
        == "Chromium is not installed (looked for chromium, chromium-browser, google-chrome): "
        + "run `apt-get install chromium`, or name the executable with CHROMIUM_PATH.")
    #expect(throws: ChromiumError.notInstalled(searched: ["/nonexistent/chromium"])) {
      try ChromiumPool(size: 1, executable: nil, environment: ["CHROMIUM_PATH": "/nonexistent/chromium"])
    }
  }

  /// The browser gets standard input and output and its pipe, nothing else: a descriptor the
  /// host left open without close-on-exec (a server's socket) does not live on in it.
  @Test(.timeLimit(.minutes(2))) func theBrowserInheritsNoOtherDescriptor() throws {
    let marker = FileManager.default.temporaryDirectory.appendingPathComponent("inherited-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: marker.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: marker) }
    // Above the browser's five (F_DUPFD leaves close-on-exec off).
    let first = Glibc.open(marker.path, O_RDONLY)
    let open = fcntl(first, F_DUPFD, 10)
    close(first)
    #expect(open >= 10 && fcntl(open, F_GETFD) & FD_CLOEXEC == 0)
    defer { close(open) }
    let pool = try ChromiumPool(size: 1)
    defer { pool.close() }
    let folder = "/proc/\(pool.processIdentifier)/fd"
    let targets = try FileManager.default.contentsOfDirectory(atPath: folder).compactMap {
      try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\($0)")
    }
    #expect(!targets.isEmpty)
    #expect(!targets.contains(marker.path))
  }

  @Test(.timeLimit(.minutes(2))) func aKilledBrowserIsReplacedAndTheJobRetried() throws {
    let pool = try ChromiumPool(size: 1)
    defer { pool.close() }
    let letter = try S.fixture("decision.granted.da.html")
    let before = try pool.print(document: letter, options: PDFOptions(date: S.date))
    let killed = pool.processIdentifier
    kill(-killed, SIGKILL)
    let after = try pool.print(document: letter, options: PDFOptions(date: S.date))
    #expect(after == before)
    #expect(pool.processIdentifier != killed)
    #expect(!S.isAlive(killed))
  }

  /// With two pages, both prints under way break; the first to notice starts the new browser
  /// and the other prints on it.
  @Test(.timeLimit(.minutes(3)), arguments: [1, 2])
  func aBrowserKilledMidPrintIsReplacedAndThePrintRetried(pages: Int) throws {
    let pool = try ChromiumPool(size: pages)
    defer { pool.close() }
    // Enough letters that the print is still under way when the kill lands on a loaded machine
    // (with 60 a page, one run in four had printed before it).
    let letters = Array(repeating: S.runSafe(try S.fixture("decision.granted.da.html")), count: 150 * pages)
    let victim = pool.processIdentifier
    // From a thread of its own: the shared queues may be busy with other suites' work.
    Thread.detachNewThread {
      usleep(400_000)
      _ = kill(-victim, SIGKILL)
    }
    let pdfs = try pool.print(documents: letters, options: PDFOptions(date: S.date, documentsPerCall: 60))
    #expect(pdfs.count == 150 * pages)
    #expect(Set(try pdfs.map(S.text)).count == 1)
    #expect(pool.processIdentifier != victim)
  }

  @Test(.timeLimit(.minutes(2)), arguments: [false, true])
  func noBrowserOutlivesAProcessKilledWithSIGKILL(printing: Bool) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.holder)
    process.arguments = printing ? ["--busy"] : []
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    // "ready PID": the browser is up, with its helpers in its process group.
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line += chunk
    }
    let words = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace)
    #expect(words.first == "ready")
    let browser = try #require(words.dropFirst().first.flatMap { Int32($0) })
    #expect(S.isAlive(browser))
    #expect(S.members(ofGroup: browser).count >= 2)
    // A printing browser is killed while its renderer lays out and prints a long document.
    if printing { Thread.sleep(forTimeInterval: 1.5) }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let deadline = Date().addingTimeInterval(10)
    while !S.members(ofGroup: browser).isEmpty && Date() < deadline { usleep(50_000) }
    #expect(S.members(ofGroup: browser).isEmpty, "left behind: \(S.members(ofGroup: browser))")
    // Its profile folder is left behind, and removed when the next browser starts.
    let prefix = "headless-chromium-\(process.processIdentifier)-"
    let temporary = ChromiumProcess.profiles.path
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).contains { $0.hasPrefix(prefix) })
    ChromiumProcess.removeStaleProfiles()
    #expect(try !FileManager.default.contentsOfDirectory(atPath: temporary).contains { $0.hasPrefix(prefix) })
  }
}
