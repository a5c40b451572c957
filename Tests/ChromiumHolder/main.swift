import Foundation
import HeadlessChromium

#if canImport(Glibc)
  import Glibc
#endif

// chromium-holder [--busy]: starts a pool of one, prints "ready PID" (the browser's), and waits
// to be killed; with --busy the browser prints a long document over and over, so that a kill
// lands mid-print. The browser-life tests (Tests/HeadlessChromiumTests) kill it with SIGKILL and
// look for what it left behind.

let date = Date(timeIntervalSince1970: 1_795_305_600)  // 2026-11-22
let pool = try ChromiumPool(size: 1)
FileHandle.standardOutput.write(Data("ready \(pool.processIdentifier)\n".utf8))
let paragraphs = String(repeating: "<p>Et langt brev, side efter side, til det bliver afbrudt.</p>\n", count: 4000)
let long = Data(
  "<!DOCTYPE html><html lang=\"da\"><head><title>Langt</title></head><body>\(paragraphs)</body></html>".utf8)
while true {
  if CommandLine.arguments.contains("--busy") {
    _ = try pool.print(document: long, options: PDFOptions(date: date))
  } else {
    sleep(60)
  }
}
