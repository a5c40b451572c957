import Foundation

/// One headless Chromium browser, alive until `close`, printing HTML to PDF on a fixed number
/// of pages at once, each page on a thread of its own and with a renderer process of its own.
///
/// Synchronous: `print` returns when every PDF is made, and may be called from several threads
/// at once (each call borrows pages while it prints). That fits the batch, whose lanes are
/// threads of their own; a thread blocked on Chromium's answer costs no core.
///
/// The same documents and options give the same bytes: the PDFs carry `options.date`, never
/// the clock, and a deterministic /ID. A browser that crashes or hangs during a print is
/// replaced and the print tried once more.
public final class ChromiumPool: @unchecked Sendable {
  private let condition = NSCondition()
  private let browser: ChromiumBrowser
  /// The pages not printing right now, by number.
  private var idle: [Int]
  private let size: Int
  private var closed = false
  private static let anchorPrefix = "hc-doc-"

  /// Starts a browser with `size` pages (one per core by default).
  /// - Parameters:
  ///   - size: how many pages print at once, each with a renderer process of its own.
  ///   - executable: Chromium's executable, or nil to look for it (`CHROMIUM_PATH`, then the
  ///     usual names); where none is found, the error names the package to install.
  ///   - timeout: how long one print call may take before its browser counts as hung.
  ///   - environment: where `CHROMIUM_PATH` and `PATH` are read.
  public init(
    size: Int = ProcessInfo.processInfo.activeProcessorCount, executable: String? = nil, timeout: TimeInterval = 300,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    self.size = max(1, size)
    let path = try executable ?? ChromiumProcess.locate(environment: environment)
    browser = try ChromiumBrowser(executable: path, pages: self.size, timeout: timeout)
    idle = Array(0..<self.size)
  }

  /// The browser's process id (its helpers are in the process group of that id).
  public var processIdentifier: Int32 { browser.processIdentifier }

  /// Prints each HTML document (UTF-8 bytes) to a PDF of its own, in order.
  ///
  /// Documents are printed up to `options.documentsPerCall` at a time as one HTML document,
  /// each from a new page, and the PDF is cut at each document's first page. A document is
  /// printed alone when that would change how it looks: when its styles depend on its place
  /// in the run (`counter(page)`, `counter(pages)`, `@page :first`, `:left`, `:right`) or
  /// select the `html` or `body` element by class or id. Consecutive documents share a run
  /// only when their `@page` rules are the same. Each PDF takes its title from `<title>` and
  /// its language from `<html lang>`.
  public func print(documents: [Data], options: PDFOptions) throws -> [Data] {
    try print(groups: [documents], options: options)[0].map(\.pdf)
  }

  /// Prints each group of HTML documents as `print(documents:options:)` prints its documents,
  /// no run holding documents of two groups: a caller that needs the same runs whatever else
  /// it prints (a run's PDFs share its font subsets) fixes them so. The runs of all groups are
  /// printed at once, on as many threads as there are cores, so that a page prints while
  /// another thread cuts the PDF it made before.
  public func print(groups: [[Data]], options: PDFOptions) throws -> [[PrintedPDF]] {
    try printEach(groups: groups, options: options).map { try $0.map { try $0.get() } }
  }

  /// Prints as `print(groups:options:)`, except that a document that cannot be printed gets
  /// its failure in its place, and the others of its run are printed as if it were not there
  /// (so their bytes do not depend on it): one with more than `options.maxPages` pages
  /// (`ChromiumError.tooLong`), and one whose print alone times out or crashes its renderer.
  ///
  /// No print lays out more than it must: with `maxPages`, a run prints at most three pages a
  /// document and `maxPages` more, a document alone at most `maxPages` + 1. A run that reaches
  /// its bound, holds a document over the limit, or fails with its browser is printed again
  /// document by document, bounded so, and then once more as a run of those that printed.
  public func printEach(groups: [[Data]], options: PDFOptions) throws -> [[Result<PrintedPDF, ChromiumError>]] {
    var sheets: [String: StyleFacts] = [:]
    let documents = groups.flatMap { $0 }
    let parsed = documents.map { HTMLDocument($0, sheets: &sheets) }
    var grouped: [[Int]] = []
    var offset = 0
    for group in groups {
      let members = Array(parsed[offset..<(offset + group.count)])
      grouped += Self.runs(of: members, limit: options.documentsPerCall).map { $0.map { $0 + offset } }
      offset += group.count
    }
    let runs = grouped
    let results = ResultSlots(count: documents.count)
    let date = PDFCutter.pdfDate(options.date)
    DispatchQueue.concurrentPerform(iterations: runs.count) { index in
      let run = runs[index]
      for (slot, result) in zip(run, printRun(run.map { parsed[$0] }, options: options, date: date)) {
        results.set(slot, result)
      }
    }
    var printed = results.values()[...]
    return groups.map { group in
      defer { printed = printed.dropFirst(group.count) }
      return Array(printed.prefix(group.count))
    }
  }

  /// The PDFs of one run, or each document's failure (see `printEach`).
  private func printRun(_ members: [HTMLDocument], options: PDFOptions, date: String)
    -> [Result<PrintedPDF, ChromiumError>]
  {
    do {
      if let printed = try printOnce(members, options: options, date: date) {
        return printed.map { .success($0) }
      }
      if members.count == 1 { return [.failure(.tooLong(limit: options.maxPages ?? 0))] }
    } catch let error as ChromiumError where error.isBrowserFailure && members.count > 1 {
      // Which document it was is found below, each printed alone.
    } catch {
      let failure = error as? ChromiumError ?? .unreadablePDF("\(error)")
      return members.map { _ in .failure(failure) }
    }
    // Each alone: those that fail are out, and the others are printed as a run of their own,
    // exactly as if the failed ones had never been in it (the same bound, the same bytes).
    // When none failed (the run was long, or its browser failed twice), the PDFs printed alone
    // stand: the same members always give the same outcome.
    let alone = members.map { printRun([$0], options: options, date: date)[0] }
    let fit = members.indices.filter { (try? alone[$0].get()) != nil }
    guard fit.count < members.count, fit.count > 1 else { return alone }
    var results = alone
    for (index, result) in zip(fit, printRun(fit.map { members[$0] }, options: options, date: date)) {
      results[index] = result
    }
    return results
  }

  /// Prints `members` as one run, or nil when a document is longer than `options.maxPages`
  /// or the run reached its bound of pages (three a document and `maxPages` more).
  private func printOnce(_ members: [HTMLDocument], options: PDFOptions, date: String) throws
    -> [PrintedPDF]?
  {
    let metadata = members.map { PDFMetadata(title: $0.title, language: $0.language, date: date) }
    let limit = options.maxPages
    if members.count == 1 {
      let pdf = try withPage { try browser.printPDF(html: members[0].bytes, page: $0, pages: limit.map { $0 + 1 }) }
      let printed = try PDFCutter.cutCounting(pdf, anchors: nil, documents: metadata)
      return limit.map { limit in printed.allSatisfy { $0.pages <= limit } } == false ? nil : printed
    }
    let bound = limit.map { members.count * 3 + $0 }
    let anchors = members.indices.map { Self.anchorPrefix + String($0) }
    let html = HTMLDocument.run(members) { anchors[$0] }
    let pdf = try withPage { try browser.printPDF(html: html, page: $0, pages: bound) }
    let printed: [PrintedPDF]
    do {
      printed = try PDFCutter.cutCounting(pdf, anchors: anchors, documents: metadata)
    } catch ChromiumError.unreadablePDF where bound != nil {
      // Cut short at the bound, the run lacks the first pages of its last documents.
      return nil
    }
    if let bound, printed.reduce(0, { $0 + $1.pages }) >= bound { return nil }
    if let limit, printed.contains(where: { $0.pages > limit }) { return nil }
    return printed
  }

  /// Prints one HTML document (UTF-8 bytes) to PDF.
  public func print(document: Data, options: PDFOptions) throws -> Data {
    try print(documents: [document], options: options)[0]
  }

  /// Prints the HTML file at `file` to PDF, loaded by its URL so that relative links resolve.
  /// The browser reads the file itself: started by root it runs as `nobody`, so the file and
  /// its folders must be readable by others (a document given as bytes has no such need).
  public func print(file: URL, options: PDFOptions) throws -> Data {
    let bytes: Data
    do {
      bytes = try Data(contentsOf: file)
    } catch {
      throw ChromiumError.unreadableDocument(path: file.path, reason: error.localizedDescription)
    }
    var sheets: [String: StyleFacts] = [:]
    let document = HTMLDocument(bytes, sheets: &sheets)
    let pdf = try withPage { try browser.printPDF(file: file, page: $0) }
    let metadata = PDFMetadata(
      title: document.title, language: document.language, date: PDFCutter.pdfDate(options.date))
    return try PDFCutter.cut(pdf, anchors: nil, documents: [metadata])[0]
  }

  /// Ends the browser (waiting for the prints under way). The pool prints no more after it.
  public func close() {
    condition.lock()
    closed = true
    while idle.count < size { condition.wait() }
    condition.unlock()
    browser.stop()
  }

  /// Borrows an idle page for `job`, given the page's number.
  private func withPage<T>(_ job: (Int) throws -> T) throws -> T {
    condition.lock()
    while idle.isEmpty && !closed { condition.wait() }
    guard !closed else {
      condition.unlock()
      throw ChromiumError.disconnected
    }
    let page = idle.removeLast()
    condition.unlock()
    defer {
      condition.lock()
      idle.append(page)
      condition.broadcast()
      condition.unlock()
    }
    return try job(page)
  }

  /// Consecutive documents that may print together, at most `limit` to a run.
  static func runs(of documents: [HTMLDocument], limit: Int) -> [[Int]] {
    var runs: [[Int]] = []
    var current: [Int] = []
    for (index, document) in documents.enumerated() {
      if !document.printsInRun {
        if !current.isEmpty { runs.append(current) }
        runs.append([index])
        current = []
        continue
      }
      if let first = current.first, current.count >= limit || documents[first].pageRules != document.pageRules {
        runs.append(current)
        current = []
      }
      current.append(index)
    }
    if !current.isEmpty { runs.append(current) }
    return runs
  }
}

/// The results of a print, one per document, filled in from several threads.
private final class ResultSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<PrintedPDF, ChromiumError>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<PrintedPDF, ChromiumError>) {
    lock.lock()
    slots[index] = result
    lock.unlock()
  }

  func values() -> [Result<PrintedPDF, ChromiumError>] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}
