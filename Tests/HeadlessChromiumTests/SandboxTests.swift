import Foundation
import Testing

@testable import HeadlessChromium

/// The printing browser is never root: started by root it runs as `nobody`, its renderers in
/// Chromium's sandbox (a seccomp filter) where the kernel allows it, and it still prints.
@Suite("the browser's user and sandbox", .serialized)
struct SandboxTests {
  typealias S = TestSupport

  /// A `Name:` line of `/proc/PID/status`, its first value.
  static func status(_ pid: Int32, _ name: String) -> String? {
    let text = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    return text.split(separator: "\n").first { $0.hasPrefix("\(name):") }.map {
      String($0.dropFirst(name.count + 1).split(whereSeparator: \.isWhitespace).first ?? "")
    }
  }

  @Test(.timeLimit(.minutes(2))) func theBrowserIsNotRootAndItsRenderersAreSandboxed() throws {
    let pool = try ChromiumPool(size: 1)
    defer { pool.close() }
    let letter = try S.fixture("decision.granted.da.html")
    let pdf = try pool.print(document: letter, options: PDFOptions(date: S.date))
    #expect(try PDFPages.count(pdf) >= 1)
    let browser = pool.processIdentifier
    let expectedUser = getuid() == 0 ? "65534" : String(getuid())
    #expect(Self.status(browser, "Uid") == expectedUser)
    let command = String(
      decoding: (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(browser)/cmdline"))) ?? Data(), as: UTF8.self)
    #expect(command.contains("--no-sandbox") == !ChromiumProcess.sandboxed)
    // On this machine (user namespaces allowed) the sandbox is on: each renderer under seccomp-bpf.
    if ChromiumProcess.sandboxed {
      let renderers = PrintFailureTests.renderers(of: browser)
      #expect(!renderers.isEmpty)
      for renderer in renderers { #expect(Self.status(renderer, "Seccomp") == "2", "renderer \(renderer)") }
    }
  }
}
