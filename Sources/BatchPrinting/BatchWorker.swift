import DigitalPost
import Documents
import Foundation
import HeadlessChromium
import Registry
import Synchronization
import XMLTemplates

#if canImport(Glibc)
  import Glibc
#endif

/// Routes, renders and writes the letters of one chunk: runs on one worker thread with its
/// own read connection, one `RecipientLookup` per letter date.
struct BatchWorker {
  let context: BatchContext
  let registry: Registry
  private var writer: BatchFileWriter
  /// Letters rendered and routed, waiting for their PDFs (see `printPending`).
  private var pending: [PendingLetter] = []

  /// A letter waiting for its PDFs: its record so far and its copies.
  private struct PendingLetter {
    var record: BatchRecord
    var copies: [RenderedCopy]
  }

  init(context: BatchContext, registry: Registry) {
    self.context = context
    self.registry = registry
    writer = BatchFileWriter(folder: context.folder)
  }

  /// Parses a job's items: the records of those rejected already, and the letters to route,
  /// ordered by routing date (then sequence) so that one register lookup serves a run of them.
  func prepare(_ items: [BatchItem]) -> (records: [BatchRecord], letters: [(BatchItem, BatchLetter)]) {
    var records: [BatchRecord] = []
    var parsed: [(BatchItem, BatchLetter)] = []
    for item in items {
      switch item.content {
      case .rejected(let reject):
        records.append(
          BatchRecord(sequence: item.sequence, source: reject.source, outcome: .rejected, reason: reject.reason))
      case .memo(let memo):
        parsed.append((item, BatchLetter.of(memo)))
      case .jsonLine(let line):
        switch BatchLetter.parse(line: line, source: item.source) {
        case .success(let letter): parsed.append((item, letter))
        case .failure(let reject):
          records.append(
            BatchRecord(sequence: item.sequence, source: item.source, outcome: .rejected, reason: reject.reason))
        }
      }
    }
    if context.asOf == nil {
      parsed.sort { ($0.1.date, $0.0.sequence) < ($1.1.date, $1.0.sequence) }
    }
    return (records, parsed)
  }

  /// The date a letter is routed as of.
  func routingDate(_ letter: BatchLetter) -> CivilDate { context.asOf ?? letter.date }

  /// Routes, renders and writes one letter with a lookup of its routing date: its files are
  /// written as soon as it is rendered, so one letter is in memory at a time. A letter to be
  /// printed to PDF waits for `printPending` instead, and has no record until then.
  mutating func process(_ item: BatchItem, _ letter: BatchLetter, lookup: RecipientLookup) throws -> [BatchRecord] {
    let (record, copies) = deliver(item, letter, on: routingDate(letter)) { lookup($0) }
    guard copies.contains(where: { $0.print != nil }) else { return [try write(record, copies, pdfs: [:])] }
    // Letters arrive by number (with --as-of) or by date, then number, so the letters of one
    // run (one block, one date) are consecutive: once enough wait, they are printed where a
    // new block begins, never splitting a run, and memory stays flat.
    var printed: [BatchRecord] = []
    if pending.count >= 4 * context.printBlock, let last = pending.last,
      block(of: last.record) != block(of: record)
    {
      printed = try printPending()
    }
    pending.append(PendingLetter(record: record, copies: copies))
    return printed
  }

  /// The block of letter numbers a letter prints with.
  private func block(of record: BatchRecord) -> Int { (record.sequence - 1) / context.printBlock }

  /// Prints the letters waiting for their PDFs, writes their files, and gives their records.
  ///
  /// Letters print together when their sequence numbers fall in one block of
  /// `context.printBlock` and their dates are the same: a block lies within one checkpoint and
  /// one lane, so the runs, and with them the PDFs' bytes, are the same whatever the number of
  /// lanes and wherever a resume starts. A letter that fills more than one page is printed
  /// again on its own, whole (its page numbers need the document to itself).
  mutating func printPending() throws -> [BatchRecord] {
    guard let pool = context.pool, !pending.isEmpty else { return [] }
    defer { pending = [] }
    struct Job {
      var letter: Int
      var copy: Int
    }
    var groups: [String: [Job]] = [:]
    var keys: [(block: Int, date: CivilDate, key: String)] = []
    for (letterIndex, letter) in pending.enumerated() {
      for (copyIndex, copy) in letter.copies.enumerated() {
        guard let print = copy.print else { continue }
        let key = "\(block(of: letter.record)) \(print.date.iso)"
        if groups[key] == nil { keys.append((block(of: letter.record), print.date, key)) }
        groups[key, default: []].append(Job(letter: letterIndex, copy: copyIndex))
      }
    }
    keys.sort { ($0.block, $0.date) < ($1.block, $1.date) }
    // Each copy's PDF with its page count (the print order says it, `SideKvantitet`).
    var pdfs: [Int: [Int: PrintedLetter]] = [:]
    var rejected: [Int: BatchReject] = [:]
    // One call per letter date, its blocks as the groups the pool keeps apart.
    var dates: [CivilDate] = []
    for key in keys where !dates.contains(key.date) { dates.append(key.date) }
    for date in dates {
      let blocks = keys.filter { $0.date == date }.map { groups[$0.key]! }
      let options = PDFOptions(
        date: Self.day(date), documentsPerCall: context.printBlock * 8, maxPages: context.maxPages)
      let printed = try pool.printEach(
        groups: blocks.map { $0.map { Data(pending[$0.letter].copies[$0.copy].print!.html) } }, options: options)
      var alone: [(Job, [UInt8])] = []
      for (job, result) in zip(blocks.joined(), printed.joined()) {
        let printed: PrintedPDF
        switch result {
        case .success(let pdf): printed = pdf
        case .failure(let error):
          rejected[job.letter] = try Self.unprinted(error, pending[job.letter].record)
          continue
        }
        if printed.pages > 1 {
          switch pending[job.letter].copies[job.copy].print!.alone() {
          case .success(let html): alone.append((job, html))
          case .failure(let reject): rejected[job.letter] = reject
          }
        } else {
          pdfs[job.letter, default: [:]][job.copy] = PrintedLetter(pdf: [UInt8](printed.pdf), pages: printed.pages)
        }
      }
      if !alone.isEmpty {
        let whole = try pool.printEach(
          groups: [alone.map { Data($0.1) }], options: PDFOptions(date: Self.day(date), maxPages: context.maxPages))
        for ((job, _), result) in zip(alone, whole[0]) {
          switch result {
          // Printed alone, with the page header: its pages as printed (only letters of more pages).
          case .success(let pdf):
            pdfs[job.letter, default: [:]][job.copy] = PrintedLetter(pdf: [UInt8](pdf.pdf), pages: pdf.pages)
          case .failure(let error): rejected[job.letter] = try Self.unprinted(error, pending[job.letter].record)
          }
        }
      }
    }
    var records: [BatchRecord] = []
    for (index, letter) in pending.enumerated() {
      if let reject = rejected[index] {
        records.append(Self.rejected(letter.record, reject))
      } else {
        records.append(try write(letter.record, letter.copies, pdfs: pdfs[index] ?? [:]))
      }
    }
    return records
  }

  /// The reject of a letter Chromium could not print: longer than `--max-pages`, or its print
  /// timed out or crashed its renderer when printed alone. Any other failure stops the batch.
  private static func unprinted(_ error: ChromiumError, _ record: BatchRecord) throws -> BatchReject {
    switch error {
    case .tooLong(let limit):
      return BatchReject(
        source: record.source,
        reason: "the letter has more than \(limit) pages; a letter may have at most \(limit) (--max-pages)")
    case .timedOut, .disconnected, .rendererCrashed:
      return BatchReject(source: record.source, reason: "the letter could not be printed: \(error)")
    default:
      throw BatchError("\(error)")
    }
  }

  /// Forgets the letters waiting for their PDFs (their job failed; the batch stops).
  mutating func dropPending() { pending = [] }

  /// Writes the files of a letter's copies (those made from `pdfs`, by copy, included) and
  /// gives its record with every delivery's files; a copy whose files cannot be made rejects
  /// the letter, and then nothing of it is written.
  private mutating func write(_ start: BatchRecord, _ copies: [RenderedCopy], pdfs: [Int: PrintedLetter]) throws
    -> BatchRecord
  {
    var record = start
    var files: [(String, [UInt8])] = []
    for (index, copy) in copies.enumerated() {
      var copyFiles = copy.files
      if let print = copy.print, let pdf = pdfs[index] {
        switch print.finish(pdf) {
        case .success(let made): copyFiles += made
        case .failure(let reject): return Self.rejected(start, reject)
        }
      }
      var delivery = copy.delivery
      delivery.files = Self.listed(copyFiles)
      record.deliveries.append(delivery)
      files += copyFiles
    }
    for (name, bytes) in files { try writer.write(bytes, to: name) }
    return record
  }

  /// The record of a letter rejected after routing: no deliveries, the reason.
  private static func rejected(_ record: BatchRecord, _ reject: BatchReject) -> BatchRecord {
    BatchRecord(sequence: record.sequence, source: record.source, outcome: .rejected, reason: reject.reason)
  }

  /// The moment a PDF of a letter dated `date` says it was made: that day's midnight, UTC.
  static func day(_ date: CivilDate) -> Date { Date(timeIntervalSince1970: TimeInterval(date.dayNumber) * 86_400) }

  /// Routes and renders one letter: its record (without deliveries, or rejected) and its
  /// copies (none when rejected: a letter that fails to render for one copy writes nothing
  /// for any).
  private func deliver(
    _ item: BatchItem, _ letter: BatchLetter, on date: CivilDate, lookup: (CPRNumber) -> RecipientState?
  ) -> (BatchRecord, [RenderedCopy]) {
    // Rendering needs the whole record of nearly every recipient (the name, and for paper
    // the address), so routing takes its facts from the same records: each citizen is read
    // once, not once as facts and again as a record.
    var known: [CPRNumber: RecipientState?] = [:]
    func registered(_ cpr: CPRNumber) -> RecipientState? {
      if let state = known[cpr] { return state }
      let state = lookup(cpr)
      known[cpr] = state
      return state
    }
    let decision = DeliveryRules.route(letter.recipient, on: date) { registered($0)?.routingFacts }
    var leaves: [(String, DeliveryChannel)] = []
    func flatten(_ channel: DeliveryChannel, _ copy: String) {
      if case .custodyHolders(let copies) = channel {
        for (index, inner) in copies.enumerated() { flatten(inner, "\(copy)-\(index + 1)") }
      } else {
        leaves.append((copy, channel))
      }
    }
    flatten(decision.channel, "")
    let record = BatchRecord(sequence: item.sequence, source: item.source, outcome: BatchOutcome(decision.channel))
    var copies: [RenderedCopy] = []
    for (copy, channel) in leaves {
      switch Self.render(context: context, item: item, letter: letter, copy: copy, channel: channel, lookup: registered)
      {
      case .success(let rendered): copies.append(rendered)
      case .failure(let reject): return (Self.rejected(record, reject), [])
      }
    }
    return (record, copies)
  }
}
