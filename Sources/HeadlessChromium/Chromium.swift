import Foundation

/// One headless Chromium browser with one page, printing HTML to PDF over the DevTools pipe.
///
/// Synchronous and used by one thread at a time: a print is one command and its answer, so
/// blocking costs nothing on the threads that call it. A browser that crashes or hangs during
/// a print is replaced and the print tried once more. `ChromiumPool` prints on several pages
/// at once. The PDF it returns is Chromium's own, clock and all; `ChromiumPool` makes it
/// repeatable.
///
/// Sendable so that it may move between threads; it must not be used by two at once.
public final class Chromium: @unchecked Sendable {
  private let browser: ChromiumBrowser

  /// Starts a browser: `executable` or, when nil, the one `CHROMIUM_PATH` names or the first
  /// of `/usr/lib/chromium/chromium`, `chromium`, `chromium-browser`, `google-chrome` found.
  /// - Parameters:
  ///   - executable: Chromium's executable, or nil to look for it.
  ///   - timeout: how long one command (one whole print) may take before the browser counts
  ///     as hung.
  public init(executable: String? = nil, timeout: TimeInterval = 300) throws {
    browser = try ChromiumBrowser(executable: executable ?? ChromiumProcess.locate(), pages: 1, timeout: timeout)
  }

  /// The executable this browser was started from.
  public var executable: String { browser.executable }

  /// The browser's process id (its helpers are in the process group of that id).
  public var processIdentifier: Int32 { browser.processIdentifier }

  /// Prints one HTML document, given as bytes (UTF-8), to PDF. The document is loaded without
  /// a base URL: it must carry its styles and images (data: URLs) itself.
  public func printPDF(html: Data) throws -> Data {
    try browser.printPDF(html: html, page: 0)
  }

  /// Prints the HTML file at `file`, loaded by its URL so that what it links to relatively is found.
  /// The browser reads the file itself: started by root it runs as `nobody`, so the file and
  /// its folders must be readable by others.
  public func printPDF(file: URL) throws -> Data {
    try browser.printPDF(file: file, page: 0)
  }

  /// Ends the browser and its helpers.
  public func stop() {
    browser.stop()
  }
}
