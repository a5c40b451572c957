import DigitalPost
import Foundation
import Registry
import Synchronization
import XMLTemplates

#if canImport(Glibc)
  import Glibc
#endif

/// What every worker of a batch shares: immutable settings and the compiled templates.
final class BatchContext: Sendable {
  let folder: String
  let batchID: String
  let asOf: CivilDate?
  let settings: BatchPrintSettings
  let templatesFolder: String
  /// The MeMo 1.2 schema every message written for a letterbox is validated against.
  let memoSchema: String
  /// Cuts every letter's style sheet to the rules that print it.
  let style = BatchStyle()
  private let templates = Mutex<[String: Result<Template, BatchReject>]>([:])

  init(
    folder: String, batchID: String, asOf: CivilDate?, settings: BatchPrintSettings, templatesFolder: String,
    memoSchema: String
  ) {
    self.memoSchema = memoSchema
    self.folder = folder
    self.batchID = batchID
    self.asOf = asOf
    self.settings = settings
    self.templatesFolder = templatesFolder
  }

  /// The first problem of a MeMo message against MeMo 1.2, as `line:column: message`; nil
  /// when it is valid. A compiled schema serves one thread, so each lane keeps its own.
  func memoProblem(_ memo: [UInt8]) -> String? {
    let key = "postdesk.batch.memo-schema"
    let dictionary = Thread.current.threadDictionary
    let schema: XMLSchema
    if let known = dictionary[key] as? XMLSchema {
      schema = known
    } else {
      do { schema = try XMLSchema(path: memoSchema) } catch { return "the MeMo schema does not compile: \(error)" }
      dictionary[key] = schema
    }
    return schema.validate(xml: String(decoding: memo, as: UTF8.self)).first
  }

  /// The compiled template, or the reason it cannot be used (remembered, so a mailing of
  /// 256,000 letters to a missing template compiles nothing 256,000 times).
  func template(_ name: String, _ language: Language, source: String) -> Result<Template, BatchReject> {
    let path = "\(templatesFolder)/\(language.rawValue)/\(name).xhtml"
    if let known = templates.withLock({ $0[path] }) {
      return known.mapError { BatchReject(source: source, reason: $0.reason) }
    }
    let result: Result<Template, BatchReject>
    if !FileManager.default.fileExists(atPath: path) {
      result = .failure(BatchReject(source: source, reason: "unknown template \"\(name)\": there is no \(path)"))
    } else {
      do { result = .success(try Template.compile(path: path, includingFrom: templatesFolder)) } catch {
        result = .failure(BatchReject(source: source, reason: "template \(name) does not compile: \(error)"))
      }
    }
    templates.withLock { $0[path] = result }
    return result.mapError { BatchReject(source: source, reason: $0.reason) }
  }

  /// The name of letter `sequence`'s outputs: six digits at least, never a CPR number.
  static func name(_ sequence: Int, _ copy: String) -> String {
    let digits = String(sequence)
    return String(repeating: "0", count: max(0, 6 - digits.count)) + digits + copy
  }

  /// The print shop's sending id (≤ 38 characters): the batch id's first 16 characters and the name.
  func sendingID(_ sequence: Int, _ copy: String) -> String {
    "\(batchID.prefix(16))-\(Self.name(sequence, copy))"
  }
}

/// Routes, renders and writes the letters of one chunk: runs on one worker thread with its
/// own read connection, one `RecipientLookup` per letter date.
struct BatchWorker {
  let context: BatchContext
  let registry: Registry
  private var writer: BatchFileWriter

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
          BatchRecord(sequence: item.sequence, source: reject.source, outcome: "rejected", reason: reject.reason))
      case .memo(let memo):
        parsed.append((item, BatchLetter.of(memo)))
      case .jsonLine(let line):
        switch BatchLetter.parse(line: line, source: item.source) {
        case .success(let letter): parsed.append((item, letter))
        case .failure(let reject):
          records.append(
            BatchRecord(sequence: item.sequence, source: item.source, outcome: "rejected", reason: reject.reason))
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
  /// written as soon as it is rendered, so one letter is in memory at a time.
  mutating func process(_ item: BatchItem, _ letter: BatchLetter, lookup: RecipientLookup) throws -> BatchRecord {
    let (record, files) = deliver(item, letter, on: routingDate(letter)) { lookup($0) }
    for (name, bytes) in files { try writer.write(bytes, to: name) }
    return record
  }

  /// Routes and renders one letter: its record and the files to write (none when rejected:
  /// a letter that fails to render for one copy writes nothing for any).
  private func deliver(
    _ item: BatchItem, _ letter: BatchLetter, on date: CivilDate, lookup: (CPRNumber) -> RecipientState?
  ) -> (BatchRecord, [(String, [UInt8])]) {
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
    var record = BatchRecord(sequence: item.sequence, source: item.source, outcome: Self.outcome(decision.channel))
    var files: [(String, [UInt8])] = []
    for (copy, channel) in leaves {
      switch Self.render(context: context, item: item, letter: letter, copy: copy, channel: channel, lookup: registered)
      {
      case .success(let (delivery, contents)):
        record.deliveries.append(delivery)
        files += contents
      case .failure(let reject):
        return (
          BatchRecord(sequence: item.sequence, source: item.source, outcome: "rejected", reason: reject.reason), []
        )
      }
    }
    return (record, files)
  }

  static func outcome(_ channel: DeliveryChannel) -> String {
    switch channel {
    case .digital: "digital"
    case .paper: "paper"
    case .heldForCollection: "held"
    case .undeliverable: "undeliverable"
    case .custodyHolders: "custody-holders"
    }
  }
}
