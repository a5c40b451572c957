import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A long-running child process (`chromedriver`, `postdesk serve`) with its standard input
/// empty and its standard output and error in a log file, waited on until it is ready and
/// stopped with SIGKILL.
///
/// SIGKILL: a child started by `Process` from a Swift concurrency thread inherits that
/// thread's signal mask, in which SIGTERM is blocked, so the child never sees a SIGTERM.
final class ServerProcess: Sendable {
  /// Why a server did not come up (it exited, or was not ready in time), with its output.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// What the process is called in messages.
  let name: String
  /// The file that receives its standard output and error.
  let log: URL
  private let process: Process

  /// Starts `executable`; `environment` nil inherits this process's.
  init(
    name: String, executable: URL, arguments: [String], environment: [String: String]? = nil,
    directory: URL? = nil, log: URL
  ) throws {
    self.name = name
    self.log = log
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    // The child has its own copy of the descriptor once it runs.
    defer { try? handle.close() }
    process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = directory }
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  /// What the process wrote on its standard output and error so far.
  var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

  /// Calls `probe` every `interval` until it gives a value, and returns that value; throws
  /// once the process has exited, or after `seconds`. Leaves the process running either way.
  func waitUntilReady<T>(
    within seconds: Double = 120, polling interval: Duration, _ probe: () async -> T?
  ) async throws -> T {
    // Generous: on two cores the other suites' blocking tests can hold both of Swift
    // concurrency's threads for a minute, and this loop does not run meanwhile.
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let value = await probe() { return value }
      guard process.isRunning else {
        throw Failure(description: "\(name) exited (status \(process.terminationStatus)): \(output)")
      }
      try await Task.sleep(for: interval)
    }
    throw Failure(description: "\(name) was not ready within \(Int(seconds)) s: \(output)")
  }

  /// Kills the process (SIGKILL) and waits until it has exited.
  func stop() {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }
}
