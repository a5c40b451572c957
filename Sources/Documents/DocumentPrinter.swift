import DigitalPost
import Foundation

/// What prints a document as PDF. The jobs see only this; the interface that runs them gives
/// the printer (headless Chromium's pool on the command line and the web desk), so that the
/// jobs do not depend on a browser.
public protocol DocumentPrinter: Sendable {
  /// The PDF of the HTML document `html` on A4, carrying `date` as its creation date, so that
  /// the same document on the same day gives the same bytes.
  func pdf(html: String, on date: CivilDate) throws -> Data
}
