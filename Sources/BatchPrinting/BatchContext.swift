import DigitalPost
import Documents
import Foundation
import HeadlessChromium
import Registry
import Synchronization
import XMLTemplates

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
  /// The browser whose pages print a PDF batch; nil for HTML.
  let pool: ChromiumPool?
  /// The most pages a letter may have, and each of its enclosures.
  let maxPages: Int
  /// PDF or HTML.
  var format: DocumentFormat { pool == nil ? .html : .pdf }
  /// Letters whose sequence numbers share a block of this many print as one document (when
  /// their dates are the same), see `BatchWorker.printPending`; 1 for HTML.
  var printBlock: Int { pool == nil ? 1 : 40 }
  private let templates = Mutex<[String: Result<Template, BatchReject>]>([:])

  init(
    folder: String, batchID: String, asOf: CivilDate?, settings: BatchPrintSettings, templatesFolder: String,
    memoSchema: String, pool: ChromiumPool?, maxPages: Int = BatchPrinter.Options.defaultMaxPages
  ) {
    self.pool = pool
    self.maxPages = maxPages
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
      do {
        result = .success(try Template.compile(path: path, includingFrom: templatesFolder, filters: .postDesk))
      } catch {
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
