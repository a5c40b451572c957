import Foundation

/// One headless Chromium browser with one page, printing HTML to PDF over the DevTools pipe.
///
/// Synchronous and used by one thread at a time: the batch that will call it runs on threads
/// of its own (lanes), and a print is one command and its answer, so blocking costs nothing
/// there. `ChromiumPool` shares browsers between threads. The PDF it returns is Chromium's
/// own, clock and all; `ChromiumPool` makes it repeatable.
///
/// Sendable so that it may move between threads; it must not be used by two at once.
public final class Chromium: @unchecked Sendable {
  /// The executable this browser was started from.
  public let executable: String
  private let timeout: TimeInterval
  private var process: ChromiumProcess
  private var pipe: DevToolsPipe
  private var session = ""
  private var frame = ""

  /// Starts a browser: `executable` or, when nil, the one `CHROMIUM_PATH` names or the first
  /// of `/usr/lib/chromium/chromium`, `chromium`, `chromium-browser`, `google-chrome` found.
  /// - Parameter timeout: how long one command (one whole print) may take before the browser
  ///   counts as hung.
  public init(executable: String? = nil, timeout: TimeInterval = 300) throws {
    self.executable = try executable ?? ChromiumProcess.locate()
    self.timeout = timeout
    process = try ChromiumProcess(executable: self.executable)
    pipe = DevToolsPipe(socket: process.socket, timeout: timeout)
    do {
      try openPage()
    } catch {
      process.terminate(grace: 0)
      throw error
    }
  }

  /// The browser's process id (its helpers are in the process group of that id).
  public var processIdentifier: Int32 { process.pid }

  /// Prints one HTML document, given as bytes (UTF-8), to PDF. The document is loaded without
  /// a base URL: it must carry its styles and images (data: URLs) itself.
  public func printPDF(html: Data) throws -> Data {
    try pipe.call(
      "Page.setDocumentContent", ["frameId": frame, "html": String(decoding: html, as: UTF8.self)], session: session)
    return try printPage()
  }

  /// Prints the HTML file at `file`, loaded by its URL so that what it links to relatively is found.
  public func printPDF(file: URL) throws -> Data {
    let answer = try pipe.call("Page.navigate", ["url": file.absoluteURL.absoluteString], session: session)
    if let failure = answer["errorText"] as? String, !failure.isEmpty {
      throw ChromiumError.unreadableDocument(path: file.path, reason: failure)
    }
    try pipe.await(event: "Page.loadEventFired", session: session)
    return try printPage()
  }

  /// Replaces the browser with a new one (after a crash or a hang).
  public func restart() throws {
    process.terminate(grace: 0)
    process = try ChromiumProcess(executable: executable)
    pipe = DevToolsPipe(socket: process.socket, timeout: timeout)
    try openPage()
  }

  /// Ends the browser and its helpers.
  public func stop() {
    process.terminate()
  }

  deinit { process.terminate(grace: 0) }

  private func openPage() throws {
    pipe.timeout = min(timeout, 60)
    defer { pipe.timeout = timeout }
    // The page the browser opened on start (about:blank) prints; a second page would cost a
    // renderer process of its own for nothing.
    let targets = try pipe.call("Target.getTargets")["targetInfos"] as? [[String: Any]] ?? []
    let opened = targets.first { $0["type"] as? String == "page" }?["targetId"] as? String
    let targetID: String
    if let opened {
      targetID = opened
    } else {
      let target = try pipe.call("Target.createTarget", ["url": "about:blank"])
      guard let created = target["targetId"] as? String else {
        throw ChromiumError.protocolError(method: "Target.createTarget", message: "no targetId")
      }
      targetID = created
    }
    let attached = try pipe.call("Target.attachToTarget", ["targetId": targetID, "flatten": true])
    session = attached["sessionId"] as? String ?? ""
    try pipe.call("Page.enable", session: session)
    // Letters are static documents: nothing in them may run.
    try pipe.call("Emulation.setScriptExecutionDisabled", ["value": true], session: session)
    let tree = try pipe.call("Page.getFrameTree", session: session)
    frame = (tree["frameTree"] as? [String: Any]).flatMap { $0["frame"] as? [String: Any] }?["id"] as? String ?? ""
  }

  /// The page size and margins come from the document's CSS (`@page`), backgrounds print,
  /// and the PDF is tagged so that screen readers and text extraction find its structure.
  private func printPage() throws -> Data {
    let answer = try pipe.call(
      "Page.printToPDF",
      [
        "preferCSSPageSize": true, "printBackground": true, "generateTaggedPDF": true, "transferMode": "ReturnAsBase64",
      ],
      session: session)
    guard let base64 = answer["data"] as? String, let pdf = Data(base64Encoded: base64) else {
      throw ChromiumError.protocolError(method: "Page.printToPDF", message: "no PDF in the answer")
    }
    // Laid out and printed, a run of 40 letters leaves the renderer some 170 MB of caches,
    // kept for a next look at the same page that never comes; a memory-pressure signal hands
    // back a third of it (measured in bench/batch/pdf.sh), and the next run lays out anew.
    try pipe.call("Memory.simulatePressureNotification", ["level": "critical"], session: session)
    return pdf
  }
}
