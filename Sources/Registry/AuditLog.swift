import Crypto
import DigitalPost
import Foundation

/// The append-only, hash-chained audit log.
///
/// Each entry's hash is SHA-256(previous hash ‖ canonical bytes of the entry), so editing,
/// deleting or inserting an entry breaks the chain at that entry or the next. Triggers refuse
/// UPDATE and DELETE on the table as a second guard. A chain without a secret can be rebuilt
/// whole by someone with write access to the file: `audit verify` prints the head hash so
/// it can be noted elsewhere.
enum AuditLog {
  /// The previous hash of the first entry.
  static let genesis = String(repeating: "0", count: 64)

  /// Appends one entry in the caller's transaction and returns its id.
  ///
  /// `id` may be given when the caller must know it beforehand (an import stamps it on
  /// every row it writes); it must then be the next id.
  @discardableResult
  static func append(
    _ db: any StoreConnection, actor: AuditActor, action: AuditAction, subject: CPRNumber?, subjectKey: String?,
    before: String?, after: String?
  ) throws -> Int64 {
    // The writer holds the registry's write lock (`RegistryStore.write`), so no other entry
    // can take this id between the read and the insert: one serial chain without gaps.
    let last = try db.fetchOne("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
    let id: Int64 = (last.map { $0[0] as Int64 } ?? 0) + 1
    let previous: String = last?[1] ?? genesis
    let entry = AuditEntry(
      id: id, at: timestamp(actor.at), clerk: actor.clerk, centre: actor.centre, action: action.rawValue,
      subject: subject?.masked ?? "", before: before, after: after, previousHash: previous, hash: "")
    let hash = self.hash(of: entry, subjectKey: subjectKey)
    try db.execute(
      """
      INSERT INTO audit (id, at, clerk, centre, action, subject, subject_key, before, after, previous_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [id, entry.at, entry.clerk, entry.centre, entry.action, entry.subject, subjectKey, before, after, previous, hash])
    return id
  }

  /// The id the next entry will get; valid inside a write transaction.
  static func nextID(_ db: any StoreConnection) throws -> Int64 {
    try (db.fetchValue("SELECT max(id) FROM audit") ?? 0) + 1
  }

  /// SHA-256(previous hash ‖ canonical bytes), hex.
  static func hash(of entry: AuditEntry, subjectKey: String?) -> String {
    var hasher = SHA256()
    hasher.update(data: Data(entry.previousHash.utf8))
    hasher.update(data: canonicalBytes(entry, subjectKey: subjectKey))
    return hasher.finalize().hexadecimal()
  }

  /// Every field, each as `length:bytes` (NULL as `-`), so no two entries share bytes.
  static func canonicalBytes(_ e: AuditEntry, subjectKey: String?) -> Data {
    var out = Data()
    let fields: [String?] = [
      String(e.id), e.at, e.clerk, e.centre, e.action, e.subject, subjectKey, e.before, e.after,
    ]
    for field in fields {
      if let field {
        let bytes = Data(field.utf8)
        out.append(contentsOf: Array("\(bytes.count):".utf8))
        out.append(bytes)
      } else {
        out.append(contentsOf: Array("-".utf8))
      }
      out.append(0x1F)
    }
    return out
  }

  /// Walks the chain from the first entry and names the first that does not hold.
  static func verify(_ db: any StoreConnection) throws -> AuditVerification {
    var expectedID: Int64 = 1
    var previous = genesis
    var count = 0
    var broken: AuditVerification?
    try db.forEach(
      """
      SELECT id, at, clerk, centre, action, subject, subject_key, before, after, previous_hash, hash
      FROM audit ORDER BY id
      """, []
    ) { row in
      guard broken == nil else { return }
      let entry = entry(from: row)
      let subjectKey: String? = row[6]
      if entry.id != expectedID {
        broken = .broken(
          entryID: entry.id, reason: "expected entry \(expectedID) before it: an entry was deleted or inserted")
      } else if entry.previousHash != previous {
        broken = .broken(
          entryID: entry.id, reason: "its previous hash does not match the entry before: an entry was replaced")
      } else if hash(of: entry, subjectKey: subjectKey) != entry.hash {
        broken = .broken(entryID: entry.id, reason: "its content does not match its hash: the entry was edited")
      }
      previous = entry.hash
      expectedID += 1
      count += 1
    }
    return broken ?? .intact(count: count, head: previous)
  }

  /// Reads an entry from a row of `audit` selected in table order.
  static func entry(from row: StoreRow) -> AuditEntry {
    AuditEntry(
      id: row[0], at: row[1], clerk: row[2], centre: row[3], action: row[4], subject: row[5], before: row[7],
      after: row[8], previousHash: row[9], hash: row[10])
  }

  /// ISO-8601 UTC with milliseconds, computed without a formatter so it is the same
  /// everywhere: `2026-11-22T09:30:00.000Z`.
  static func timestamp(_ date: Date) -> String {
    let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    let days = Int(millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000)
    let inDay = Int(millis - Int64(days) * 86_400_000)
    let day = CivilDate(dayNumber: days)
    func pad(_ n: Int, _ w: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    let (h, m, s, ms) = (inDay / 3_600_000, inDay / 60_000 % 60, inDay / 1000 % 60, inDay % 1000)
    return "\(day.iso)T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(ms, 3))Z"
  }
}
