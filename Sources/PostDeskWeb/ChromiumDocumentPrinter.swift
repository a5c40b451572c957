import DigitalPost
import Foundation
import HeadlessChromium
import Synchronization

/// The desk's documents as PDF, printed by headless Chromium: one browser, started when a
/// process first asks for a PDF and ended with the process (its pipe closes).
public enum DocumentPDF {
  private static let pool = Mutex<ChromiumPool?>(nil)

  /// The PDF of an HTML document, carrying `date` as its creation date, so that the same
  /// document on the same day gives the same bytes.
  public static func print(_ html: String, on date: CivilDate) throws -> Data {
    let pool = try Self.pool.withLock { pool throws -> ChromiumPool in
      if let pool { return pool }
      let started = try ChromiumPool(size: 1)
      pool = started
      return started
    }
    let day = Date(timeIntervalSince1970: TimeInterval(date.dayNumber) * 86_400)
    return try pool.print(document: Data(html.utf8), options: PDFOptions(date: day))
  }
}
