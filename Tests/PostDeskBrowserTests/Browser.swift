import Foundation

/// What the WebDriver endpoint answered instead of a value: its error code ("no such
/// element", …) and message, with the command that failed.
struct WebDriverError: Error, CustomStringConvertible {
  var command: String
  var error: String
  var message: String

  var description: String { "WebDriver \(command): \(error): \(message)" }
}

/// One headless Chromium session, driven through the W3C WebDriver protocol (JSON over
/// HTTP) by `chromedriver`.
///
/// Start one with `Browser.run { browser in … }`, which closes the browser, its driver and
/// every process they started whether the body succeeds or throws.
///
/// Written here, not taken from a library: none of the Swift packages this project may use
/// speaks WebDriver, and the few commands the tests need are JSON over HTTP, sent through
/// AsyncHTTPClient. Its cost is not what is measured: a test's time is the browser's.
final class Browser: Sendable {
  let driver: ChromeDriver
  let session: String
  /// The process id of Chromium itself, as the driver reports it.
  let chromiumProcess: Int32?

  private init(driver: ChromeDriver, session: String, chromiumProcess: Int32?) {
    self.driver = driver
    self.session = session
    self.chromiumProcess = chromiumProcess
  }

  /// Runs `body` with a fresh headless browser `width`×`height` pixels wide, then closes it.
  /// When `body` throws, a screenshot and the page's source are kept in the run's folder and
  /// the error says where.
  static func run<T>(
    width: Int = 1280, height: Int = 1000, _ body: (Browser) async throws -> T
  ) async throws -> T {
    let driver = try await ChromeDriver.start()
    let browser: Browser
    do {
      browser = try await open(driver, width: width, height: height)
    } catch {
      driver.stop()
      throw error
    }
    do {
      let result = try await body(browser)
      await browser.quit()
      driver.stop()
      return result
    } catch {
      let kept = await browser.keepEvidence()
      await browser.quit()
      driver.stop(keep: kept != nil)
      if let kept { throw BrowserTestFailure(underlying: error, evidence: kept) }
      throw error
    }
  }

  private static func open(_ driver: ChromeDriver, width: Int, height: Int) async throws -> Browser {
    let options: [String: Any] = [
      "binary": ChromeDriver.chromiumPath,
      "args": [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--user-data-dir=\(driver.profile.path)", "--window-size=\(width),\(height)",
        "--lang=da-DK", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
      ],
      // As a Danish clerk's browser asks: headless Chromium's Accept-Language follows this
      // preference, not --lang.
      "prefs": ["intl.accept_languages": "da-DK,da"],
    ]
    let capabilities: [String: Any] = [
      "capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]
    ]
    let value = try await command(driver.port, "/session", "POST", capabilities, "new session")
    guard let object = value as? [String: Any], let session = object["sessionId"] as? String else {
      throw WebDriverError(command: "new session", error: "unexpected answer", message: "\(value)")
    }
    let processID = (object["capabilities"] as? [String: Any])?["goog:processID"] as? Int
    return Browser(driver: driver, session: session, chromiumProcess: processID.map { Int32($0) })
  }

  // MARK: - The protocol

  /// Sends one command and returns its `value`, or throws the endpoint's error.
  private static func command(_ port: Int, _ path: String, _ method: String, _ body: Any?, _ name: String)
    async throws -> Any
  {
    let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) }
    let answer = try await LoopbackHTTP.send(
      port: port, method: method, path: path,
      headers: payload == nil ? [:] : ["Content-Type": "application/json; charset=utf-8"], body: payload)
    let object = try? JSONSerialization.jsonObject(with: answer.body, options: [.fragmentsAllowed]) as? [String: Any]
    guard let object else {
      throw WebDriverError(command: name, error: "HTTP \(answer.status)", message: String(answer.text.prefix(200)))
    }
    let value = object["value"] ?? NSNull()
    if let failure = value as? [String: Any], let error = failure["error"] as? String {
      throw WebDriverError(command: name, error: error, message: failure["message"] as? String ?? "")
    }
    return value
  }

  @discardableResult
  private func send(_ method: String, _ path: String, _ body: Any? = nil) async throws -> Any {
    try await Self.command(
      driver.port, "/session/\(session)\(path)", method, method == "POST" ? (body ?? [String: Any]()) : nil,
      "\(method) \(path)")
  }

  // MARK: - Navigation and the page

  /// Opens `url` and waits until the page has loaded.
  func navigate(to url: String) async throws {
    try await send("POST", "/url", ["url": url])
  }

  /// The address of the page shown now.
  func currentURL() async throws -> String {
    try await send("GET", "/url") as? String ?? ""
  }

  func title() async throws -> String {
    try await send("GET", "/title") as? String ?? ""
  }

  /// The page's DOM as HTML, as the browser holds it now.
  func source() async throws -> String {
    try await send("GET", "/source") as? String ?? ""
  }

  func back() async throws {
    try await send("POST", "/back")
  }

  /// Runs `script` (a function body; `arguments[0]`, … are `arguments`) in the page and
  /// returns what it returns.
  @discardableResult
  func execute(_ script: String, _ arguments: [Any] = []) async throws -> Any {
    try await send("POST", "/execute/sync", ["script": script, "args": arguments])
  }

  /// Runs `script` (a function body whose last argument is the callback to call with the
  /// result) in the page and returns what it passes to that callback.
  @discardableResult
  func executeAsync(_ script: String, _ arguments: [Any] = []) async throws -> Any {
    try await send("POST", "/execute/async", ["script": script, "args": arguments])
  }

  /// Sets the window's outer size.
  func resize(width: Int, height: Int) async throws {
    try await send("POST", "/window/rect", ["width": width, "height": height])
  }

  /// The viewport as a PNG image.
  func screenshot() async throws -> Data {
    let base64 = try await send("GET", "/screenshot") as? String ?? ""
    guard let data = Data(base64Encoded: base64) else {
      throw WebDriverError(command: "screenshot", error: "not base64", message: String(base64.prefix(40)))
    }
    return data
  }

  /// The page printed to PDF (A4, with backgrounds), as Chromium's print dialog would.
  func printPDF() async throws -> Data {
    let options: [String: Any] = ["page": ["width": 21.0, "height": 29.7], "background": true]
    let base64 = try await send("POST", "/print", options) as? String ?? ""
    guard let data = Data(base64Encoded: base64) else {
      throw WebDriverError(command: "print", error: "not base64", message: String(base64.prefix(40)))
    }
    return data
  }

  /// The cookies the browser holds for the page shown now, by name.
  func cookies() async throws -> [String: [String: Any]] {
    let list = try await send("GET", "/cookie") as? [[String: Any]] ?? []
    var byName: [String: [String: Any]] = [:]
    for cookie in list {
      if let name = cookie["name"] as? String { byName[name] = cookie }
    }
    return byName
  }

  // MARK: - Elements

  fileprivate static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

  /// The first element that matches the CSS selector, or a "no such element" error.
  func find(_ css: String) async throws -> Element {
    let value = try await send("POST", "/element", ["using": "css selector", "value": css])
    guard let reference = value as? [String: Any], let id = reference[Self.elementKey] as? String else {
      throw WebDriverError(command: "find \(css)", error: "unexpected answer", message: "\(value)")
    }
    return Element(browser: self, id: id, selector: css)
  }

  /// Every element that matches the CSS selector, in document order.
  func findAll(_ css: String) async throws -> [Element] {
    let value = try await send("POST", "/elements", ["using": "css selector", "value": css])
    return (value as? [[String: Any]] ?? []).compactMap { reference in
      (reference[Self.elementKey] as? String).map { Element(browser: self, id: $0, selector: css) }
    }
  }

  /// Waits (at most `seconds`) until an element matches the CSS selector.
  @discardableResult
  func waitFor(_ css: String, seconds: Double = 10) async throws -> Element {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
      do {
        return try await find(css)
      } catch let error as WebDriverError where error.error == "no such element" && Date() < deadline {
        try await Task.sleep(for: .milliseconds(100))
      }
    }
  }

  /// Waits (at most `seconds`) until the page's address satisfies `condition`.
  @discardableResult
  func waitForURL(seconds: Double = 10, _ condition: (String) -> Bool) async throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var url = try await currentURL()
    while !condition(url) {
      guard Date() < deadline else {
        throw WebDriverError(command: "wait for address", error: "timeout", message: "still at \(url)")
      }
      try await Task.sleep(for: .milliseconds(100))
      url = try await currentURL()
    }
    return url
  }

  /// One element of the page shown now.
  struct Element: Sendable {
    let browser: Browser
    let id: String
    /// The selector it was found by, for messages.
    let selector: String

    @discardableResult
    private func send(_ method: String, _ path: String, _ body: Any? = nil) async throws -> Any {
      try await browser.send(method, "/element/\(id)\(path)", body)
    }

    /// Types `text` into the element, as keystrokes.
    func type(_ text: String) async throws {
      try await send("POST", "/value", ["text": text])
    }

    func clear() async throws {
      try await send("POST", "/clear")
    }

    /// Clicks the element's centre (scrolling it into view first), and waits for the
    /// navigation it starts.
    func click() async throws {
      try await send("POST", "/click")
    }

    /// The text the element shows, as rendered (hidden text excluded).
    func text() async throws -> String {
      try await send("GET", "/text") as? String ?? ""
    }

    /// The attribute as written in the HTML, or nil.
    func attribute(_ name: String) async throws -> String? {
      try await send("GET", "/attribute/\(name)") as? String
    }

    /// The DOM property (`value`, `checked`, …) as JavaScript sees it.
    func property(_ name: String) async throws -> Any? {
      let value = try await send("GET", "/property/\(name)")
      return value is NSNull ? nil : value
    }

    func isSelected() async throws -> Bool {
      try await send("GET", "/selected") as? Bool ?? false
    }

    func isDisplayed() async throws -> Bool {
      try await send("GET", "/displayed") as? Bool ?? false
    }

    func tagName() async throws -> String {
      try await send("GET", "/name") as? String ?? ""
    }

    /// The element's position and size in CSS pixels.
    func rect() async throws -> (x: Double, y: Double, width: Double, height: Double) {
      let value = try await send("GET", "/rect") as? [String: Any] ?? [:]
      func number(_ key: String) -> Double { (value[key] as? NSNumber)?.doubleValue ?? .nan }
      return (number("x"), number("y"), number("width"), number("height"))
    }

    /// The first element inside this one that matches the CSS selector.
    func find(_ css: String) async throws -> Element {
      let value = try await send("POST", "/element", ["using": "css selector", "value": css])
      guard let reference = value as? [String: Any], let id = reference[Browser.elementKey] as? String else {
        throw WebDriverError(command: "find \(css)", error: "unexpected answer", message: "\(value)")
      }
      return Element(browser: browser, id: id, selector: "\(selector) \(css)")
    }

    /// Sets an `<input type="date">`'s value as the date picker would: typed keys go through
    /// the browser's locale format (dd-mm-yyyy, mm/dd/yyyy, …), so the ISO date is set directly.
    func setDate(_ isoDate: String) async throws {
      try await browser.execute(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        [[Browser.elementKey: id], isoDate])
    }

    /// Chooses the `<option>` whose value is `value` in this `<select>`.
    func select(value: String) async throws {
      try await find("option[value=\"\(value)\"]").click()
    }
  }

  // MARK: - Closing

  /// Closes the session (and with it Chromium); if the driver does not answer, Chromium is
  /// stopped by its process id.
  func quit() async {
    do {
      _ = try await Self.command(driver.port, "/session/\(session)", "DELETE", nil, "delete session")
    } catch {
      if let chromiumProcess { kill(chromiumProcess, SIGKILL) }
    }
  }

  /// Saves a screenshot and the page's source in the run's folder, and returns the folder.
  private func keepEvidence() async -> URL? {
    var kept = false
    if let png = try? await screenshot() {
      kept = (try? png.write(to: driver.folder.appendingPathComponent("failure.png"))) != nil
    }
    if let html = try? await source(), let url = try? await currentURL() {
      let page = "<!-- \(url) -->\n" + html
      kept = (try? Data(page.utf8).write(to: driver.folder.appendingPathComponent("failure.html"))) != nil || kept
    }
    return kept ? driver.folder : nil
  }
}

/// A browser test's error, with where its screenshot and page source were kept.
struct BrowserTestFailure: Error, CustomStringConvertible {
  var underlying: any Error
  var evidence: URL

  var description: String {
    "\(underlying) (screenshot and page source in \(evidence.path)/failure.png, failure.html)"
  }
}
