import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `chromedriver` run as a child process on a free loopback port, with headless Chromium
/// under it, for the end-to-end tests in a real browser.
///
/// Debian's `chromium` and `chromium-driver` must be installed (`make test` installs them);
/// `POSTDESK_CHROMEDRIVER` and `POSTDESK_CHROMIUM` name other binaries.
final class ChromeDriver: Sendable {
  /// Why the browser tests cannot run, as one line that says how to mend it.
  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  static let driverPath = ProcessInfo.processInfo.environment["POSTDESK_CHROMEDRIVER"] ?? "/usr/bin/chromedriver"
  static let chromiumPath = ProcessInfo.processInfo.environment["POSTDESK_CHROMIUM"] ?? "/usr/bin/chromium"

  /// The loopback port the driver listens on.
  let port: Int
  /// The run's own folder: the browser profile, the driver's log, screenshots of failures.
  let folder: URL
  private let process: ServerProcess

  private init(port: Int, folder: URL, process: ServerProcess) {
    self.port = port
    self.folder = folder
    self.process = process
  }

  /// Starts `chromedriver` and waits until it answers; fails (never skips) when Chromium or
  /// its driver is not installed.
  static func start() async throws -> ChromeDriver {
    for (path, package) in [(driverPath, "chromium-driver"), (chromiumPath, "chromium")]
    where !FileManager.default.isExecutableFile(atPath: path) {
      throw Missing(
        description:
          "\(path) not found: the browser tests need Debian's \(package); run `make test`, which installs it, "
          + "or `apt-get install chromium chromium-driver`")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let port = try freeLoopbackPort()
    let process = try ServerProcess(
      name: "chromedriver", executable: URL(fileURLWithPath: driverPath),
      arguments: ["--port=\(port)", "--allowed-ips=127.0.0.1"], log: folder.appendingPathComponent("chromedriver.log"))
    let driver = ChromeDriver(port: port, folder: folder, process: process)
    do {
      // Ready once `GET /status` says so.
      try await process.waitUntilReady(polling: .milliseconds(100)) { () -> Void? in
        guard let answer = try? await LoopbackHTTP.send(port: port, method: "GET", path: "/status", timeout: 5),
          let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
          let value = object["value"] as? [String: Any], value["ready"] as? Bool == true
        else { return nil }
        return ()
      }
    } catch {
      driver.stop()
      throw error
    }
    return driver
  }

  /// The browser profile of this run: a fresh folder, so that runs share no cookies.
  var profile: URL { folder.appendingPathComponent("profile") }

  /// Stops the driver, then any process still running with this run's profile (Chromium
  /// outlives its driver when the session was not closed), and removes the run's folder
  /// unless `keep`; all with SIGKILL (see `ServerProcess`).
  func stop(keep: Bool = false) {
    process.stop()
    for pid in Self.processes(mentioning: profile.path) {
      kill(pid, SIGKILL)
    }
    if !keep {
      try? FileManager.default.removeItem(at: folder)
    }
  }

  /// The processes whose command line contains `text`: the Chromium processes of one
  /// profile, which only this run started.
  static func processes(mentioning text: String) -> [pid_t] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    return entries.compactMap { entry -> pid_t? in
      guard let pid = pid_t(entry),
        let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
        String(decoding: data, as: UTF8.self).contains(text)
      else { return nil }
      return pid
    }
  }
}

/// A TCP port on 127.0.0.1 that nothing listens on now, from the kernel: bind port 0, read
/// the port back, close.
func freeLoopbackPort() throws -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw POSIXError(.EMFILE) }
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = 0
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  let bound = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
  }
  guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let named = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
  }
  guard named == 0 else { throw POSIXError(.EINVAL) }
  return Int(UInt16(bigEndian: address.sin_port))
}
