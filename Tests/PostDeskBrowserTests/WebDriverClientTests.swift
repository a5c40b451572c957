import Foundation
import Testing

/// The WebDriver client against a static page of its own (a `file://` URL), so that a
/// failure of the desk's browser tests can be told apart from a failure of the client.
@Suite("WebDriver client", .serialized)
struct WebDriverClientTests {
  static let page = """
    <!DOCTYPE html>
    <html lang="da"><head><meta charset="utf-8"><title>Klient-prøve</title>
    <style>body { margin: 0; } #box { width: 200px; height: 50px; background: #c00; }</style></head>
    <body>
    <h1 id="heading">Æble &amp; pære</h1>
    <form id="form" action="answer.html" method="get">
      <input id="name" name="name" value="">
      <select id="level" name="level"><option value="read">Læse</option><option value="read-write">Læse og skrive</option></select>
      <input id="agree" name="agree" type="checkbox">
      <button id="send" type="submit">Send</button>
    </form>
    <p id="echo" data-count="0"></p>
    <button id="count" type="button" onclick="var e = document.getElementById('echo');
      e.dataset.count = +e.dataset.count + 1; e.textContent = document.getElementById('name').value;">Tæl</button>
    <div id="box"></div>
    <p id="hidden" style="display:none">skjult</p>
    </body></html>
    """

  static let answer = """
    <!DOCTYPE html><html><head><meta charset="utf-8"><title>Svar</title></head>
    <body><p id="query"></p><script>document.getElementById('query').textContent = location.search;</script></body></html>
    """

  /// A folder with the two pages.
  static func pages() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-page-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(page.utf8).write(to: folder.appendingPathComponent("index.html"))
    try Data(answer.utf8).write(to: folder.appendingPathComponent("answer.html"))
    return folder
  }

  @Test("navigates, finds, types, clicks, reads text, attributes and properties, follows a form")
  func drivesAPage() async throws {
    let folder = try Self.pages()
    defer { try? FileManager.default.removeItem(at: folder) }
    let index = folder.appendingPathComponent("index.html").absoluteString
    try await Browser.run { browser in
      try await browser.navigate(to: index)
      #expect(try await browser.currentURL() == index)
      #expect(try await browser.title() == "Klient-prøve")
      #expect(try await browser.find("#heading").text() == "Æble & pære")
      #expect(try await browser.source().contains("<h1 id=\"heading\">Æble &amp; pære</h1>"))

      let name = try await browser.find("#name")
      try await name.type("Åse Ørsted")
      #expect(try await name.property("value") as? String == "Åse Ørsted")
      try await browser.find("#count").click()
      try await browser.find("#count").click()
      #expect(try await browser.find("#echo").text() == "Åse Ørsted")
      #expect(try await browser.find("#echo").attribute("data-count") == "2")
      #expect(try await browser.find("#echo").attribute("no-such") == nil)
      #expect(try await browser.find("#hidden").isDisplayed() == false)
      #expect(try await browser.find("#hidden").text() == "")
      #expect(try await browser.findAll("option").count == 2)
      #expect(try await browser.findAll("table").isEmpty)

      try await browser.find("#level").select(value: "read-write")
      try await browser.find("#agree").click()
      #expect(try await browser.find("#agree").isSelected())
      try await name.clear()
      try await name.type("Bo")
      try await browser.find("#send").click()
      try await browser.waitForURL { $0.contains("answer.html") }
      #expect(try await browser.waitFor("#query").text() == "?name=Bo&level=read-write&agree=on")
      try await browser.back()
      #expect(try await browser.waitFor("#heading").text() == "Æble & pære")
    }
  }

  @Test("a missing element is the driver's \"no such element\" error, with the selector")
  func missingElement() async throws {
    let folder = try Self.pages()
    defer { try? FileManager.default.removeItem(at: folder) }
    try await Browser.run { browser in
      try await browser.navigate(to: folder.appendingPathComponent("index.html").absoluteString)
      let error = await #expect(throws: WebDriverError.self) { try await browser.find("#nowhere") }
      #expect(error?.error == "no such element")
      #expect(error?.command == "POST /element")
      await #expect(throws: WebDriverError.self) { try await browser.waitFor("#nowhere", seconds: 0.3) }
    }
  }

  @Test("screenshots are PNG images of the window's width; print gives a PDF")
  func screenshotAndPrint() async throws {
    let folder = try Self.pages()
    defer { try? FileManager.default.removeItem(at: folder) }
    try await Browser.run(width: 1280, height: 900) { browser in
      try await browser.navigate(to: folder.appendingPathComponent("index.html").absoluteString)
      let wide = try await browser.screenshot()
      #expect(pngSize(wide)?.width == 1280)
      #expect(try await browser.find("#box").rect().width == 200)
      try await browser.resize(width: 800, height: 1100)
      let narrow = try await browser.screenshot()
      #expect(pngSize(narrow)?.width == 800)
      #expect(try await browser.execute("return window.innerWidth;") as? Int == 800)
      let pdf = try await browser.printPDF()
      #expect(pdf.starts(with: Data("%PDF-".utf8)))
    }
  }

  @Test("the browser, its driver and their processes are gone after the run, also after a failure")
  func cleansUp() async throws {
    struct Planned: Error {}
    var profile = ""
    var driverFolder = URL(fileURLWithPath: "/")
    await #expect(throws: BrowserTestFailure.self) {
      try await Browser.run { browser in
        profile = browser.driver.profile.path
        driverFolder = browser.driver.folder
        #expect(!ChromeDriver.processes(mentioning: profile).isEmpty)
        throw Planned()
      }
    }
    // A killed process can take a moment to leave /proc on a loaded machine.
    for _ in 0..<50 where !ChromeDriver.processes(mentioning: profile).isEmpty {
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(ChromeDriver.processes(mentioning: profile).isEmpty)
    // A failure keeps the screenshot and the page's source for the reader.
    #expect(FileManager.default.fileExists(atPath: driverFolder.appendingPathComponent("failure.png").path))
    try? FileManager.default.removeItem(at: driverFolder)
  }
}

/// The width and height of a PNG image, from its IHDR chunk.
func pngSize(_ data: Data) -> (width: Int, height: Int)? {
  let bytes = [UInt8](data.prefix(24))
  guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
  func int(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
  return (int(16), int(20))
}
