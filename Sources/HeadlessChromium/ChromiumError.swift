import Foundation

/// What went wrong with headless Chromium, said so that the person at the terminal can act.
public enum ChromiumError: Error, Equatable, CustomStringConvertible {
  /// No Chromium executable was found.
  case notInstalled(searched: [String])
  /// The executable could not be started.
  case startFailed(executable: String, reason: String)
  /// The browser closed its end of the DevTools pipe (it crashed or was killed).
  case disconnected
  /// A page's renderer process crashed (or was killed) under a command.
  case rendererCrashed
  /// The browser did not answer a command in time.
  case timedOut(method: String, seconds: Int)
  /// The browser answered a command with an error.
  case protocolError(method: String, message: String)
  /// The printed PDF could not be read or cut into its documents.
  case unreadablePDF(String)
  /// A document to print could not be read.
  case unreadableDocument(path: String, reason: String)
  /// A document has more pages than it may (`PDFOptions.maxPages`).
  case tooLong(limit: Int)

  /// One sentence for the terminal: what went wrong, and for a missing browser how to install or name it.
  public var description: String {
    switch self {
    case .notInstalled(let searched):
      return "Chromium is not installed (looked for \(searched.joined(separator: ", "))): "
        + "run `apt-get install chromium`, or name the executable with CHROMIUM_PATH."
    case .startFailed(let executable, let reason):
      return "Chromium (\(executable)) did not start: \(reason)."
    case .disconnected:
      return "Chromium closed the DevTools pipe (it crashed or was killed)."
    case .rendererCrashed:
      return "Chromium's renderer crashed."
    case .timedOut(let method, let seconds):
      return "Chromium did not answer \(method) within \(seconds) s."
    case .protocolError(let method, let message):
      return "Chromium refused \(method): \(message)."
    case .unreadablePDF(let reason):
      return "Chromium's PDF could not be cut into its documents: \(reason)."
    case .unreadableDocument(let path, let reason):
      return "\(path): \(reason)."
    case .tooLong(let limit):
      return "The document has more than \(limit) pages."
    }
  }

  /// True when a new browser may succeed where this one failed.
  var isBrowserFailure: Bool {
    switch self {
    case .disconnected, .timedOut, .rendererCrashed: return true
    default: return false
    }
  }
}
