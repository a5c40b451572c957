import DigitalPost
import Documents
import Foundation
import HeadlessChromium
import Synchronization

/// The desk's documents printed as PDF by headless Chromium: one browser, started when the
/// process first asks for a PDF and ended with the process (its pipe closes). Given to the
/// jobs as their `DocumentPrinter` by the command line and the web desk; a job that makes only
/// HTML never starts a browser.
public final class ChromiumDocumentPrinter: DocumentPrinter {
  /// The printer of the process: one browser however many desks are made.
  public static let shared = ChromiumDocumentPrinter()

  private let pool = Mutex<ChromiumPool?>(nil)

  private init() {}

  /// The PDF of `html`, dated `date`, from the process's browser (started on first use).
  public func pdf(html: String, on date: CivilDate) throws -> Data {
    let pool = try self.pool.withLock { pool throws -> ChromiumPool in
      if let pool { return pool }
      let started = try ChromiumPool(size: 1)
      pool = started
      return started
    }
    let day = Date(timeIntervalSince1970: TimeInterval(date.dayNumber) * 86_400)
    return try pool.print(document: Data(html.utf8), options: PDFOptions(date: day))
  }
}
