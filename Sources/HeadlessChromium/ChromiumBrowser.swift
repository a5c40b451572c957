import Foundation

/// One headless Chromium browser with a fixed number of pages (tabs), each laid out and
/// printed by a renderer process of its own, all driven over one DevTools pipe.
///
/// Pages print at once, each on the thread that uses it; one page is used by one thread at a
/// time. Pages share the browser process and its helpers (GPU, network, storage, zygotes),
/// which cost as much memory as a renderer: two pages of one browser need about 240 MB less
/// than two browsers of a page each (bench/batch/RESULTS.md).
///
/// When the browser crashes or hangs, the print that notices it starts a new browser with as
/// many pages in its place and prints once more; a print on another page that the restart
/// broke does the same, on the new browser.
final class ChromiumBrowser: @unchecked Sendable {
  let executable: String
  private let timeout: TimeInterval
  private let pageCount: Int
  private let lock = NSLock()
  private var running: Running

  /// One browser process and its open pages; replaced as a whole by a restart.
  private final class Running {
    let process: ChromiumProcess
    let pipe: DevToolsPipe
    var pages: [Page] = []

    init(process: ChromiumProcess) {
      self.process = process
      pipe = DevToolsPipe(socket: process.socket)
    }

    func terminate(grace: TimeInterval) {
      pipe.close()
      process.terminate(grace: grace)
    }

    deinit { terminate(grace: 0) }
  }

  /// A page's DevTools session and its main frame.
  struct Page {
    let session: String
    let frame: String
  }

  /// Starts a browser with `pages` pages.
  /// - Parameter timeout: how long one command (one whole print) may take before the browser
  ///   counts as hung.
  init(executable: String, pages: Int, timeout: TimeInterval) throws {
    self.executable = executable
    self.timeout = timeout
    pageCount = max(1, pages)
    running = try Self.start(executable: executable, pages: pageCount, timeout: timeout)
  }

  /// The browser's process id (its helpers are in the process group of that id).
  var processIdentifier: Int32 {
    lock.lock()
    defer { lock.unlock() }
    return running.process.pid
  }

  /// Prints one HTML document, given as bytes (UTF-8), to PDF on page `page`. The document is
  /// loaded without a base URL: it must carry its styles and images (data: URLs) itself.
  /// - Parameter pages: the most pages printed (the first ones); nil for all. Chromium still
  ///   lays the whole document out, but makes PDF pages of these only.
  func printPDF(html: Data, page: Int, pages: Int? = nil) throws -> Data {
    try withPage(page) { pipe, page in
      try pipe.call(
        "Page.setDocumentContent", ["frameId": page.frame, "html": String(decoding: html, as: UTF8.self)],
        session: page.session, timeout: timeout)
      return try printPage(pipe, page, pages: pages)
    }
  }

  /// Prints the HTML file at `file` on page `page`, loaded by its URL so that what it links to
  /// relatively is found.
  func printPDF(file: URL, page: Int) throws -> Data {
    try withPage(page) { pipe, page in
      pipe.allow(file.absoluteURL.deletingLastPathComponent().absoluteString)
      let loaded = pipe.expect(event: "Page.loadEventFired", session: page.session)
      defer { pipe.forget(loaded) }
      let answer = try pipe.call(
        "Page.navigate", ["url": file.absoluteURL.absoluteString], session: page.session, timeout: timeout)
      if let failure = answer["errorText"] as? String, !failure.isEmpty {
        throw ChromiumError.unreadableDocument(path: file.path, reason: failure)
      }
      try pipe.wait(for: loaded, timeout: timeout)
      return try printPage(pipe, page)
    }
  }

  /// Ends the browser and its helpers.
  func stop() {
    lock.lock()
    defer { lock.unlock() }
    running.terminate(grace: 2)
  }

  /// Runs `job` on page `index` of the running browser; when the browser crashed or hung,
  /// replaces it (unless another page did already) and runs the job once more.
  private func withPage<T>(_ index: Int, _ job: (DevToolsPipe, Page) throws -> T) throws -> T {
    lock.lock()
    let used = running
    lock.unlock()
    do {
      return try job(used.pipe, used.pages[index])
    } catch let error as ChromiumError
      where error.isBrowserFailure || used.pipe.crashed(session: used.pages[index].session, within: 2)
    {
      let fresh = try replace(used)
      return try job(fresh.pipe, fresh.pages[index])
    }
  }

  /// A new browser in place of `used`, unless another page has replaced it already.
  private func replace(_ used: Running) throws -> Running {
    lock.lock()
    defer { lock.unlock() }
    if running === used {
      used.terminate(grace: 0)
      running = try Self.start(executable: executable, pages: pageCount, timeout: timeout)
    }
    return running
  }

  private static func start(executable: String, pages count: Int, timeout: TimeInterval) throws -> Running {
    do {
      return try open(executable: executable, pages: count, timeout: timeout)
    } catch ChromiumError.disconnected where ChromiumProcess.sandboxed {
      // Gone at once: no usable sandbox here (no user namespaces); without it from now on.
      ChromiumProcess.sandboxed = false
      return try open(executable: executable, pages: count, timeout: timeout)
    }
  }

  private static func open(executable: String, pages count: Int, timeout: TimeInterval) throws -> Running {
    let running = Running(process: try ChromiumProcess(executable: executable))
    let pipe = running.pipe
    let setup = min(timeout, 60)
    // The page the browser opened on start (about:blank) is the first; the others are new
    // tabs, each with a renderer of its own.
    // Crashes of the pages' renderers are told as events (Target.targetCrashed), so that a
    // print under way fails at once instead of waiting out its timeout.
    try pipe.call("Target.setDiscoverTargets", ["discover": true], timeout: setup)
    let targets = try pipe.call("Target.getTargets", timeout: setup)["targetInfos"] as? [[String: Any]] ?? []
    var targetIDs = targets.filter { $0["type"] as? String == "page" }.compactMap { $0["targetId"] as? String }
    while targetIDs.count < count {
      let target = try pipe.call("Target.createTarget", ["url": "about:blank"], timeout: setup)
      guard let created = target["targetId"] as? String else {
        throw ChromiumError.protocolError(method: "Target.createTarget", message: "no targetId")
      }
      targetIDs.append(created)
    }
    for targetID in targetIDs.prefix(count) {
      let attached = try pipe.call("Target.attachToTarget", ["targetId": targetID, "flatten": true], timeout: setup)
      let session = attached["sessionId"] as? String ?? ""
      pipe.register(target: targetID, session: session)
      try pipe.call("Page.enable", session: session, timeout: setup)
      try pipe.call("Inspector.enable", session: session, timeout: setup)
      // No network: every request the page makes is paused and failed (`DevToolsPipe`).
      try pipe.call("Fetch.enable", ["patterns": [["urlPattern": "*"]]], session: session, timeout: setup)
      // Letters are static documents: nothing in them may run.
      try pipe.call("Emulation.setScriptExecutionDisabled", ["value": true], session: session, timeout: setup)
      let tree = try pipe.call("Page.getFrameTree", session: session, timeout: setup)
      let frame = (tree["frameTree"] as? [String: Any]).flatMap { $0["frame"] as? [String: Any] }?["id"] as? String
      running.pages.append(Page(session: session, frame: frame ?? ""))
    }
    return running
  }

  /// The page size and margins come from the document's CSS (`@page`), backgrounds print,
  /// and the PDF is tagged so that screen readers and text extraction find its structure.
  private func printPage(_ pipe: DevToolsPipe, _ page: Page, pages: Int? = nil) throws -> Data {
    var parameters: [String: Any] = [
      "preferCSSPageSize": true, "printBackground": true, "generateTaggedPDF": true, "transferMode": "ReturnAsBase64",
    ]
    if let pages { parameters["pageRanges"] = "1-\(pages)" }
    let answer = try pipe.call("Page.printToPDF", parameters, session: page.session, timeout: timeout)
    guard let base64 = answer["data"] as? String, let pdf = Data(base64Encoded: base64) else {
      throw ChromiumError.protocolError(method: "Page.printToPDF", message: "no PDF in the answer")
    }
    // Laid out and printed, a run of 40 letters leaves the renderer some 170 MB of caches,
    // kept for a next look at the same page that never comes; a memory-pressure signal hands
    // back a third of it (measured in bench/batch/pdf.sh), and the next run lays out anew.
    try pipe.call("Memory.simulatePressureNotification", ["level": "critical"], session: page.session, timeout: timeout)
    return pdf
  }
}
