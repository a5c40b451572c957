import Foundation

/// The built `postdesk` run as a real process to its end: its exit status and what it wrote.
///
/// Standard error is read on a thread of its own while standard output is read here, so that
/// neither pipe fills up and blocks the child. (swift-subprocess would do the same, but it is
/// async, and these tests and their helpers are synchronous.)
public struct PostdeskProcess: CustomStringConvertible, Sendable {
  /// The exit status.
  public var status: Int32
  /// Everything written to standard output.
  public var stdout: String
  /// Everything written to standard error.
  public var stderr: String

  /// The run, as a failed expectation shows it.
  public var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }

  /// Runs `postdesk ARGUMENTS…` in `directory`, with the environment of the tests and
  /// `environment` over it (a nil value removes a variable).
  public static func run(_ arguments: [String], in directory: URL, environment: [String: String?] = [:]) throws
    -> PostdeskProcess
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BatchTestSupport.binary)
    process.arguments = arguments
    var merged = ProcessInfo.processInfo.environment
    for (name, value) in environment { merged[name] = value }
    process.environment = merged
    process.currentDirectoryURL = directory
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errors = ErrorReader(err.fileHandleForReading)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = errors.wait()
    process.waitUntilExit()
    return PostdeskProcess(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}

/// Reads a pipe to its end on a thread of its own.
private final class ErrorReader: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}
