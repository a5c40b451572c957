import Crypto
import DigitalPost
import Foundation

/// What the audit log says every row of the guarded tables holds, read in one pass over the
/// log in id order, as the chain is: for each entry that wrote a row (an exemption period,
/// an access version, an application, a decision), a digest of the row's content as the
/// log has it, with the later entries that ended or changed it applied.
///
/// Digests, not the texts: a national registry's log holds millions of entries, and 41 bytes
/// an entry keep the pass within tens of megabytes. A row is then checked with one look-up
/// (`take(_:)`); what was taken is not there twice, so two rows naming one entry, and an
/// entry whose row is gone, both show.
struct LoggedState {
  /// The row an entry wrote, as the log has it now.
  struct Expected {
    /// The action of the entry: which table it wrote.
    var writer: AuditAction
    var digest: SHA256Digest
  }

  /// By the id of the entry that wrote the row.
  private(set) var expected: [Int64: Expected] = [:]
  /// Exemption periods and access versions not yet ended, by the digest of what they hold:
  /// an entry that ends or changes one names it by its `before`.
  private var open: [SHA256Digest: [Int64]] = [:]
  /// The last entry of the log.
  let last: Int64

  /// Reads the log once, in id order.
  init(_ db: any StoreConnection) throws {
    last = try db.fetchValue("SELECT max(id) FROM audit") ?? 0
    let actions: [AuditAction] = [
      .exemptionStart, .exemptionEnd, .accessGrant, .accessChange, .accessEnd, .applicationRecord, .applicationDecide,
    ]
    try db.forEach(
      """
      SELECT id, action, subject_key, before, after, clerk, centre FROM audit
      WHERE action IN (\(actions.map { "'\($0.rawValue)'" }.joined(separator: ", "))) ORDER BY id
      """, []
    ) { row in
      let id: Int64 = row[0]
      let action = AuditAction(rawValue: row[1])
      let key: String? = row[2]
      let before: String? = row[3]
      let after: String? = row[4]
      switch action {
      case .some(let writer) where writer == .exemptionStart || writer == .accessGrant:
        start(id, writer, Self.digest(key, after))
      case .exemptionEnd?, .accessEnd?:
        if let started = end(Self.digest(key, before)) { expected[started]?.digest = Self.digest(key, after) }
      case .accessChange?:
        // A change closes the version it replaces on the change's first day, and opens its own.
        if let started = end(Self.digest(key, before)) {
          expected[started]?.digest = Self.digest(key, Self.closedByChange(before, change: after))
        }
        start(id, .accessChange, Self.digest(key, after))
      case .applicationRecord?:
        let recorded = Self.application(after).map(AuditJSON.encode) ?? "unreadable: \(after ?? "")"
        expected[id] = Expected(writer: .applicationRecord, digest: Self.digest(key, recorded, row[5], row[6]))
      default:
        expected[id] = Expected(writer: .applicationDecide, digest: Self.digest(key, after, row[5], row[6]))
      }
    }
  }

  private mutating func start(_ id: Int64, _ writer: AuditAction, _ digest: SHA256Digest) {
    expected[id] = Expected(writer: writer, digest: digest)
    open[digest, default: []].append(id)
  }

  /// The earliest open row holding `digest`, no longer open; nil when none does (an end
  /// that ends nothing the log started is left to the chain and the rows' own checks).
  private mutating func end(_ digest: SHA256Digest) -> Int64? {
    guard var ids = open[digest], !ids.isEmpty else { return nil }
    let first = ids.removeFirst()
    open[digest] = ids.isEmpty ? nil : ids
    return first
  }

  /// The entry `id`'s expectation, taken: a second row naming the same entry finds none.
  mutating func take(_ id: Int64) -> Expected? { expected.removeValue(forKey: id) }

  /// SHA-256 of the parts, each followed by a unit separator (NULL as `-`).
  static func digest(_ parts: String?...) -> SHA256Digest {
    var hasher = SHA256()
    for part in parts {
      hasher.update(data: Data((part.map { "\($0.utf8.count):\($0)" } ?? "-").utf8))
      hasher.update(data: Data([0x1F]))
    }
    return hasher.finalize()
  }

  /// The access version `before` as a change on `change`'s first day closed it.
  static func closedByChange(_ before: String?, change: String?) -> String {
    var closed = (try? JSONDecoder().decode([String: String].self, from: Data((before ?? "").utf8))) ?? [:]
    let changed = (try? JSONDecoder().decode([String: String].self, from: Data((change ?? "").utf8))) ?? [:]
    closed["endedOn"] = changed["from"] ?? ""
    closed["endReason"] = "changed"
    return AuditJSON.encode(closed)
  }

  /// An application as `application.record` logged it. Entries written before identity
  /// documents were stored as objects hold the text the clerk typed: read as the
  /// migration read the rows (`identity-documents-as-objects-v1`).
  static func application(_ after: String?) -> AuditJSON.Application? {
    let data = Data((after ?? "").utf8)
    if let application = try? JSONDecoder().decode(AuditJSON.Application.self, from: data) { return application }
    struct Typed: Decodable {
      var receivedOn: String
      var criteria: [String]
      var representation: String?
      var identityDocuments: [String]
      var paperCopies: Bool
    }
    guard let typed = try? JSONDecoder().decode(Typed.self, from: data),
      let documents = try? typed.identityDocuments.map({ try PresentedDocument(parsing: $0) })
    else { return nil }
    return AuditJSON.Application(
      receivedOn: typed.receivedOn, criteria: typed.criteria, representation: typed.representation,
      identityDocuments: documents, paperCopies: typed.paperCopies)
  }
}
