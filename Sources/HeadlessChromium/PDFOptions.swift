import Foundation

/// How PDFs are made repeatable and how many documents go into one print.
public struct PDFOptions: Sendable {
  /// Written as every PDF's creation and modification date, in place of the clock.
  public var date: Date
  /// The most documents printed by one DevTools call. Chromium spends a fixed 60-90 ms per
  /// call; a run of many documents shares it (see `ChromiumPool.print(documents:options:)`).
  public var documentsPerCall: Int
  /// The most pages a document may have; nil for no limit. A longer one is not printed past
  /// its limit and gets `ChromiumError.tooLong` (`printEach`).
  public var maxPages: Int?

  /// - Parameters:
  ///   - date: the date every PDF says it was made (the letter date, for example).
  ///   - documentsPerCall: the most documents one print call holds (at least 1).
  ///   - maxPages: the most pages a document may have, or nil.
  public init(date: Date, documentsPerCall: Int = 40, maxPages: Int? = nil) {
    self.date = date
    self.documentsPerCall = max(1, documentsPerCall)
    self.maxPages = maxPages.map { max(1, $0) }
  }
}
