import Foundation
import Testing

@testable import HeadlessChromium

/// The printing browser reaches no server: a letter whose data put a URL into a `src`, a
/// style sheet, a font or a frame prints without a single connection to a loopback server
/// listening for them, and its inline (`data:`) image still prints.
@Suite("no network while printing", .serialized)
struct NoNetworkTests {
  /// A TCP listener on 127.0.0.1 (port chosen by the kernel) that counts the connections made to it.
  final class Listener {
    let fd: Int32
    let port: Int

    init() throws {
      let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      address.sin_port = 0
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
          bind(socketFD, pointer, length) == 0 && listen(socketFD, 64) == 0
            && getsockname(socketFD, pointer, &length) == 0
        }
      }
      fd = socketFD
      port = Int(UInt16(bigEndian: address.sin_port))
      guard bound else { throw ChromiumError.protocolError(method: "listen", message: "cannot listen") }
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(fd) }

    /// The connections waiting to be accepted (each accepted and closed).
    func connections() -> Int {
      var count = 0
      while case let client = accept(fd, nil, nil), client >= 0 {
        close(client)
        count += 1
      }
      return count
    }
  }

  @Test(.timeLimit(.minutes(2))) func aLetterWithURLsMakesNoRequest() throws {
    let listener = try Listener()
    let url = "http://127.0.0.1:\(listener.port)"
    // A one-pixel PNG, inline.
    let pixel =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    let html = """
      <!DOCTYPE html><html lang="da"><head><title>Brev</title>
      <link rel="stylesheet" href="\(url)/style.css">
      <style>@import url("\(url)/import.css"); @font-face { font-family: X; src: url("\(url)/font.woff2") }
      body { font-family: X, sans-serif; background: url("\(url)/background.png") }</style></head>
      <body><p>Kære borger</p><img src="\(url)/pixel.png"><img src="data:image/png;base64,\(pixel)">
      <iframe src="\(url)/frame.html"></iframe><object data="\(url)/object.pdf"></object></body></html>
      """
    let pool = try ChromiumPool(size: 1)
    defer { pool.close() }
    let pdf = try pool.print(document: Data(html.utf8), options: PDFOptions(date: TestSupport.date))
    #expect(try PDFPages.count(pdf) == 1)
    #expect(try TestSupport.text(pdf).contains("Kære borger"))
    // Whatever would have come has had time to.
    Thread.sleep(forTimeInterval: 1)
    #expect(listener.connections() == 0)
  }
}
