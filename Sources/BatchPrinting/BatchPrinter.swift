import DigitalPost
import Documents
import Foundation
import HeadlessChromium
import Registry
import XMLTemplates

extension DocumentFormat {
  /// The print order's `FilformatNavn` for a letter in this format.
  var fileFormatName: String { self == .pdf ? "PDF" : "html" }
}

/// Prints a mailing: routes every letter by domain.md §7 as of its date, writes
/// paper letters with their print orders, letterbox messages, held letters, the lists of the
/// undeliverable and the rejected, and a manifest, into one folder; resumable after a crash.
public struct BatchPrinter {
  /// What to print, where, and how.
  public struct Options: Sendable {
    /// Mailings (`.jsonl`), MeMo messages (`.xml`) and folders of them.
    public var inputs: [String]
    /// The batch folder.
    public var folder: String
    /// Route every letter as of this date instead of its own date.
    public var asOf: CivilDate?
    /// Finish an interrupted batch in `folder`.
    public var resume = false
    /// Print again into a folder that holds a finished (or other) batch, replacing it.
    public var overwrite = false
    /// The templates folder (`da/`, `en/`, `layout.xhtml`).
    public var templatesFolder: String
    /// The MeMo 1.2 schema (`MeMo_core.xsd`, shipped in the repository's `schemas/`) that
    /// MeMo 1.2 input messages are validated against.
    public var memoSchema: String
    /// PDF (the default) or HTML.
    public var format = DocumentFormat.pdf
    /// The print shop's codes.
    public var settings = BatchPrintSettings()
    /// Letters per checkpoint: outputs are synced and journaled after each.
    public var checkpointEvery = 2048
    /// Worker threads.
    public var workers = 2
    /// The most pages a letter may have (and each of its PDF enclosures): a longer one is
    /// rejected by its number, and the batch goes on.
    public var maxPages = Options.defaultMaxPages
    /// `maxPages` unless given: 50.
    public static let defaultMaxPages = 50

    /// Options with the defaults.
    public init(inputs: [String], folder: String, templatesFolder: String, memoSchema: String) {
      self.inputs = inputs
      self.folder = folder
      self.templatesFolder = templatesFolder
      self.memoSchema = memoSchema
    }
  }

  /// How far a batch has come, for a progress bar.
  public struct Progress: Sendable {
    /// Letters done, including those done before a resume.
    public var done: Int
    /// Letters in the batch.
    public var total: Int
    /// Letters done in this run.
    public var doneThisRun: Int
    /// Seconds since this run started.
    public var elapsed: Double
  }

  /// What a finished batch holds.
  public struct Summary: Sendable {
    /// The batch id.
    public var batchID: String
    /// Letters in the input.
    public var letters: Int
    /// Letters rejected.
    public var rejected: Int
    /// Routed letters by the channel they were routed to (`rejected` is counted apart).
    public var outcomes: [BatchOutcome: Int]
    /// Deliveries by channel, custody holders' copies included.
    public var deliveries: [BatchChannel: Int]
    /// Letters already done before this run (a resume).
    public var resumedAt: Int
    /// The manifest's path.
    public var manifest: String
    /// This run's warnings, in letter order: each MeMo message an earlier batch printed.
    public var warnings: [String] = []
  }

  let registry: Registry
  let options: Options

  /// A printer on `registry`.
  public init(registry: Registry, options: Options) {
    self.registry = registry
    self.options = options
  }

  /// Prints the batch; `progress` is called after every checkpoint.
  public func run(progress: (Progress) -> Void = { _ in }) throws -> Summary {
    let started = Date()
    let files = try BatchInputFile.expand(options.inputs)
    var summaries: [BatchInputSummary] = []
    for file in files { summaries.append(try BatchInputSummary.read(file)) }
    let total = summaries.reduce(0) { $0 + $1.letters }
    let batchID = try Self.batchID(summaries, options: options)
    let folder = options.folder
    let journalPath = "\(folder)/\(BatchJournal.folderName)/journal"
    // One batch at a time in a folder, from the first look at it to the last file written.
    var lock = try BatchFolderLock.acquire(folder, create: false)
    if options.resume, !options.overwrite, let finished = Self.finished(folder, batchID: batchID) {
      // Killed after the manifest was written: the batch is whole; only the journal is left over.
      try? FileManager.default.removeItem(atPath: "\(folder)/\(BatchJournal.folderName)")
      return finished
    }
    // The schema is compiled and the browser started before the folder is touched: a
    // missing schema or a missing Chromium changes nothing.
    let schema = try Self.memoSchema(options.memoSchema)
    let pool = try options.format == .pdf ? Self.browser(pages: options.workers) : nil
    defer { pool?.close() }
    if lock == nil { lock = try BatchFolderLock.acquire(folder, create: true) }
    defer { withExtendedLifetime(lock) {} }
    let recovered = try prepareFolder(batchID: batchID, journalPath: journalPath)
    let journal = try BatchJournal(path: journalPath, batchID: batchID, length: recovered.length)
    let context = BatchContext(
      folder: folder, batchID: batchID, asOf: options.asOf, settings: options.settings,
      templatesFolder: options.templatesFolder, memoSchema: options.memoSchema, pool: pool,
      maxPages: options.maxPages)
    // The folder as the registry notes it, whatever the way it was named.
    let absoluteFolder = URL(fileURLWithPath: folder).standardizedFileURL.path
    var reader = BatchItemReader(
      files: files, skip: recovered.lastSequence, schema: schema, batch: (batchID, absoluteFolder),
      printedBefore: registry.printedMessages)
    // A letter's PDF depends on the letters printed with it (their fonts share one subset),
    // so print runs are blocks of sequence numbers that no checkpoint and no lane splits.
    let block = context.printBlock
    let chunk = (options.checkpointEvery + block - 1) / block * block
    var done = recovered.lastSequence
    // The lists and counts grow checkpoint by checkpoint; a resume starts them from the journal.
    let tally = try BatchTally(folder: folder, letterSuffix: options.format.fileSuffix)
    if done > 0 { try tally.add(journal: journalPath, upTo: done) }
    // The sync of chunk k runs in the background while chunk k+1 is rendered; chunk k is
    // journaled only once that sync (started after its last file had its name) has returned.
    var syncing: (records: [BatchRecord], sync: DispatchGroup)?
    var unnoted: [PrintedMessage] = []
    func journalSynced() throws {
      guard let (records, sync) = syncing else { return }
      sync.wait()
      // Noted before they are journaled (a resume of this batch is not warned about its own
      // messages), but for the rejected; never waiting for another writer (an import): what
      // cannot be noted now is tried again at the next checkpoint and at the end.
      let messages = reader.takeMessages(records.map(\.sequence))
      unnoted += records.compactMap { record in
        guard record.outcome != .rejected, let uuid = messages[record.sequence] else { return nil }
        return PrintedMessage(uuid: uuid, batchID: batchID, letter: record.sequence, folder: absoluteFolder)
      }
      if try registry.recordPrintedMessages(unnoted, waiting: false) { unnoted = [] }
      try journal.checkpoint(records)
      tally.add(records)
      done += records.count
      syncing = nil
      progress(
        Progress(
          done: done, total: total, doneThisRun: done - recovered.lastSequence,
          elapsed: Date().timeIntervalSince(started)))
    }
    // The lanes route and write chunk k while this thread reads chunk k+1; they are handed
    // chunk k+1 as soon as chunk k is collected, and the journal of chunk k-1 (waiting for
    // its sync) is written while they work, so they never wait for the disk.
    let lanes = BatchLanes(count: max(1, options.workers), context: context, registry: registry)
    do {
      var items = try reader.next(chunk, block: block)
      if !items.isEmpty { lanes.submit(items) }
      while !items.isEmpty {
        let upcoming = try reader.next(chunk, block: block)
        let records = try lanes.collect()
        if !upcoming.isEmpty { lanes.submit(upcoming) }
        try journalSynced()
        let sync = DispatchGroup()
        DispatchQueue.global().async(group: sync) { BatchJournal.syncOutputs(folder) }
        syncing = (records, sync)
        items = upcoming
      }
      lanes.close()
    } catch {
      lanes.close()
      throw error
    }
    try journalSynced()
    var warnings = reader.warnings
    do { try registry.recordPrintedMessages(unnoted) } catch is RegistryBusy {
      warnings.append(
        "the registry was busy, so the messages this batch printed (\(unnoted.count)) were not noted as printed; a later "
          + "batch that repeats one is not warned")
    }
    let final = try BatchManifest(
      folder: folder, batchID: batchID, asOf: options.asOf, inputs: summaries, journalPath: journalPath,
      lastSequence: done, settings: options.settings
    ).write(tally)
    try? FileManager.default.removeItem(atPath: "\(folder)/\(BatchJournal.folderName)")
    return Summary(
      batchID: batchID, letters: final.letters, rejected: final.rejected, outcomes: final.byOutcome,
      deliveries: final.deliveries, resumedAt: recovered.lastSequence, manifest: "\(folder)/manifest.xml",
      warnings: warnings)
  }

  /// The batch id: the first 32 hex digits of the SHA-256 of the batch format version, the
  /// output format, the as-of date,
  /// the print codes, the templates' digest and every input's digest, in order.
  static func batchID(_ inputs: [BatchInputSummary], options: Options) throws -> String {
    var text = "postdesk-batch 1\n\(options.format.rawValue)\n\(options.asOf?.iso ?? "letter-date")\n"
    let s = options.settings
    text += "\(s.postCategory.rawValue)|\(s.envelope.rawValue)|\(s.sides.rawValue)|\(s.colour.rawValue)\n"
    text += "templates \(BatchManifest.templatesDigest(options.templatesFolder))\n"
    // Named only when not the default, so that the batch ids of earlier versions stand.
    if options.maxPages != Options.defaultMaxPages { text += "max-pages \(options.maxPages)\n" }
    for input in inputs { text += "\(input.file.kind.rawValue) \(input.sha256)\n" }
    return String(BatchDigest.sha256(text).prefix(32))
  }

  /// The summary of the finished batch `batchID` in `folder` (its manifest), if it is there and
  /// no journal says it is being re-made.
  static func finished(_ folder: String, batchID: String) -> Summary? {
    guard !FileManager.default.fileExists(atPath: "\(folder)/\(BatchJournal.folderName)/journal"),
      let document = try? SafeXMLDocument(path: "\(folder)/manifest.xml"), let root = document.root,
      root.attribute("id") == batchID,
      let letters = root.firstChild(named: "letters", namespace: BatchManifest.namespace),
      let deliveries = root.firstChild(named: "deliveries", namespace: BatchManifest.namespace)
    else { return nil }
    func count(_ element: SafeXMLElement, _ name: String) -> Int { Int(element.attribute(name) ?? "") ?? 0 }
    var outcomes: [BatchOutcome: Int] = [:]
    for outcome in BatchOutcome.routed where count(letters, outcome.rawValue) > 0 {
      outcomes[outcome] = count(letters, outcome.rawValue)
    }
    var channels: [BatchChannel: Int] = [:]
    for channel in BatchChannel.allCases where count(deliveries, channel.rawValue) > 0 {
      channels[channel] = count(deliveries, channel.rawValue)
    }
    return Summary(
      batchID: batchID, letters: count(letters, "total"), rejected: count(letters, "rejected"), outcomes: outcomes,
      deliveries: channels, resumedAt: count(letters, "total"), manifest: "\(folder)/manifest.xml")
  }

  /// The names a batch writes at the top of its folder; `--overwrite` removes these and no other.
  static let batchEntries: Set<String> = [
    "manifest.xml", "undeliverable.csv", "rejects.csv", "print", "digital", "held", BatchJournal.folderName,
  ]

  /// Whether `folder` holds a batch: a manifest of ours (its namespace, a batch id) or a
  /// journal whose header names a batch. A file merely named `manifest.xml` is not one.
  static func holdsBatch(_ folder: String, journalPath: String) -> Bool {
    if BatchJournal.recover(path: journalPath).batchID != nil { return true }
    guard let document = try? SafeXMLDocument(path: "\(folder)/manifest.xml"), let root = document.root else {
      return false
    }
    return root.namespaceURI == BatchManifest.namespace && root.localName == "batch"
      && !(root.attribute("id") ?? "").isEmpty
  }

  /// One browser with a page per worker, or the reason there is none, with what to do.
  static func browser(pages: Int) throws(BatchError) -> ChromiumPool {
    // A run of 40 letters prints in a few seconds (its pages are bounded, see
    // `ChromiumPool.printEach`): one that takes two minutes is hung, and its letter rejected.
    do { return try ChromiumPool(size: max(1, pages), timeout: 120) } catch {
      throw BatchError("\(error) Or give --format html for HTML letters without PDF.")
    }
  }

  /// Compiles the MeMo 1.2 schema, or says where it was looked for and how to point at it.
  static func memoSchema(_ path: String) throws(BatchError) -> XMLSchema {
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw BatchError(
        "cannot read the MeMo 1.2 schema \(path); give --memo-schema FILE, or set POSTDESK_SCHEMAS to the folder "
          + "that holds memo-1.2/ (the repository's schemas/)")
    }
    do { return try XMLSchema(path: path) } catch { throw BatchError("cannot compile the MeMo schema: \(error)") }
  }

  /// Checks the folder against the options and clears what a resume must not trust.
  private func prepareFolder(batchID: String, journalPath: String) throws -> BatchJournal.Recovered {
    let fm = FileManager.default
    let folder = options.folder
    let manifest = "\(folder)/manifest.xml"
    let hasJournal = fm.fileExists(atPath: journalPath)
    let entries = ((try? fm.contentsOfDirectory(atPath: folder)) ?? [])
    if !entries.isEmpty { try Self.refuseLinks(in: folder) }
    if options.overwrite {
      guard entries.isEmpty || Self.holdsBatch(folder, journalPath: journalPath) else {
        throw BatchError("\(folder) is not empty and holds no batch; --overwrite replaces only a batch folder")
      }
      if let foreign = entries.sorted().first(where: { !Self.batchEntries.contains($0) }) {
        throw BatchError(
          "\(folder) holds \(foreign), which no batch writes; --overwrite replaces only a batch folder: "
            + "move \(foreign) away, or choose another --out")
      }
      for entry in entries { try fm.removeItem(atPath: "\(folder)/\(entry)") }
      return BatchJournal.Recovered()
    }
    if fm.fileExists(atPath: manifest) && !hasJournal {
      throw BatchError(
        "\(folder) holds a finished batch (manifest.xml); give --overwrite to print it again, or choose another --out")
    }
    if hasJournal && !options.resume {
      throw BatchError("\(folder) holds an unfinished batch; give --resume to finish it, or --overwrite to start again")
    }
    if !hasJournal && !entries.isEmpty {
      throw BatchError("\(folder) is not empty and holds no batch; choose an empty or new --out folder")
    }
    var recovered = hasJournal ? BatchJournal.recover(path: journalPath) : BatchJournal.Recovered()
    if let found = recovered.batchID, found != batchID {
      throw BatchError(
        "\(folder) holds batch \(found.prefix(16)), not this one (\(batchID.prefix(16))): the inputs, templates, "
          + "codes, --as-of or --max-pages differ; resume with the same ones, or give --overwrite")
    }
    if recovered.batchID == nil { recovered = BatchJournal.Recovered() }
    try removeUntrusted(after: recovered.lastSequence)
    return recovered
  }

  /// Refuses a folder that holds a symbolic link anywhere inside: a resume (or a new batch)
  /// would write the letters wherever it points, as the web desk's `/documents` never follows one.
  static func refuseLinks(in folder: String) throws(BatchError) {
    let root = URL(fileURLWithPath: folder)
    guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isSymbolicLinkKey])
    else { return }
    while let url = walk.nextObject() as? URL {
      guard (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]))?.isSymbolicLink == true else { continue }
      let inside = String(url.path.dropFirst(root.path.count).drop { $0 == "/" })
      throw BatchError(
        "\(folder)/\(inside) is a symbolic link; a batch folder holds no links (letters written through one would "
          + "land wherever it points): remove it, or choose another --out")
    }
  }

  /// Deletes every output not covered by a synced checkpoint: temporary files, files of
  /// letters after `last`, and the final lists and manifest (always re-made at the end).
  private func removeUntrusted(after last: Int) throws {
    let fm = FileManager.default
    let folder = options.folder
    for name in ["manifest.xml", "undeliverable.csv", "rejects.csv", "print/index.csv"] {
      try? fm.removeItem(atPath: "\(folder)/\(name)")
    }
    for top in ["print", "digital", "held"] {
      guard let enumerator = fm.enumerator(atPath: "\(folder)/\(top)") else { continue }
      while let relative = enumerator.nextObject() as? String {
        let name = (relative as NSString).lastPathComponent
        let path = "\(folder)/\(top)/\(relative)"
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
        let digits = name.prefix { $0.isNumber }
        if name.hasPrefix(".") || Int(digits).map({ $0 > last }) ?? true { try fm.removeItem(atPath: path) }
      }
    }
  }
}
