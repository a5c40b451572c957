import Crypto
import DigitalPost
import Foundation
import GRDB
import Synchronization

/// The register of citizens, exemptions, applications and accesses, in one SQLite file.
///
/// Every versioned fact has a history (`valid_from` inclusive, `valid_to` exclusive), so
/// reads are "as of" a date and a re-run of routing on a past date gives the same answer.
/// Writes go through `write(_:_:)`: one transaction per use case, every change audited in
/// that same transaction. The registry stores and queries; the rules live in DigitalPost.
public final class Registry: Sendable {
  /// Where the tables are kept: a SQLite file, or a PostgreSQL database.
  let store: any RegistryStore
  /// The secret for `audit.subject_key`, read once from the registry.
  let subjectSecret: Data
  /// The work queue last read, and the audit log's head it was read at.
  let undecidedQueue = Mutex<UndecidedQueue?>(nil)

  /// Opens the SQLite registry at `path`, creating the file and its schema on first use
  /// (`SQLiteStore`); a write waits `busyTimeout` seconds for another writer before it
  /// throws `RegistryBusy`.
  public convenience init(path: String, busyTimeout: Double = 10) throws {
    try self.init(store: SQLiteStore(path: path, busyTimeout: busyTimeout))
  }

  /// The registry whose tables `store` keeps (its schema made and migrated by the store).
  public init(store: any RegistryStore) throws {
    self.store = store
    let secret: Data? = try store.read { try $0.fetchValue("SELECT value FROM meta WHERE key = 'subject_key'") }
    guard let secret else {
      throw RegistryError("the registry has no subject key: its schema was not made by PostDesk")
    }
    self.subjectSecret = secret
  }

  /// A registry in memory, for tests.
  public static func inMemory() throws -> Registry {
    try Registry(store: SQLiteStore.inMemory())
  }

  /// The SQLite file's pool, for tests that read or edit it behind the registry's back.
  var writer: any DatabaseWriter { (store as! SQLiteStore).writer }

  /// The SQLite store, for what only SQLite does yet (the batch's routing lookup, the
  /// import's bulk load); on another store, an error saying so.
  func sqlite(_ what: String) throws -> SQLiteStore {
    guard let sqlite = store as? SQLiteStore else {
      throw RegistryError("\(what) on a PostgreSQL registry is not there yet: run it on a SQLite registry")
    }
    return sqlite
  }

  /// The keyed hash that finds a citizen's audit entries without storing the number.
  func subjectKey(_ cpr: CPRNumber) -> String {
    let mac = HMAC<SHA256>.authenticationCode(for: Data(cpr.digits.utf8), using: SymmetricKey(data: subjectSecret))
    return mac.hexadecimal()
  }

  // MARK: Reads

  /// What routing needs of `cpr` on `asOf`: the citizen's version that day and whether an
  /// exemption was in force; nil when the citizen was not in the register that day.
  public func recipientState(_ cpr: CPRNumber, asOf: CivilDate) throws -> RecipientState? {
    try store.read { db in try CitizenRow.recipientState(db, cpr, asOf: asOf) }
  }

  /// The citizen as registered on `asOf`.
  public func citizen(_ cpr: CPRNumber, asOf: CivilDate) throws -> Citizen? {
    try recipientState(cpr, asOf: asOf)?.citizen
  }

  /// Runs `body` with a lookup for routing many letters as of one date, in one read: every
  /// answer comes from the same snapshot. Errors inside the lookup are rethrown when `body`
  /// returns.
  ///
  /// On SQLite, held statements on one connection (`SQLiteStore.withRouting`; `memory`
  /// chooses between speed and a bounded resident size, see `LookupMemory`); on another
  /// store, blocks of recipients read together (`RecipientLookup.prefetch`).
  public func withRecipientLookup<T>(
    asOf: CivilDate, memory: LookupMemory = .mapped, _ body: (RecipientLookup) throws -> T
  ) throws -> T {
    guard let sqlite = store as? SQLiteStore else { return try withStoreLookup(asOf: asOf, body) }
    return try sqlite.withRouting(asOf: asOf, memory: memory) { routing in
      let lookup = RecipientLookup(sqlite: routing)
      let result = try body(lookup)
      if let error = lookup.firstError { throw error }
      return result
    }
  }

  /// The lookup of a store other than SQLite (on SQLite too, for tests).
  func withStoreLookup<T>(asOf: CivilDate, _ body: (RecipientLookup) throws -> T) throws -> T {
    try store.read { connection in
      let lookup = RecipientLookup(connection: connection, asOf: asOf)
      let result = try body(lookup)
      if let error = lookup.firstError { throw error }
      return result
    }
  }

  /// The exemption in force on `asOf`, if any.
  public func exemption(_ cpr: CPRNumber, asOf: CivilDate) throws -> ExemptionRecord? {
    try store.read { db in
      try db.fetchOne(
        "SELECT \(Self.exemptionColumns) FROM exemption WHERE cpr = ?1 AND \(Self.inForce) LIMIT 1",
        [CitizenRow.key(cpr), asOf.iso]
      ).map(Self.exemptionRecord)
    }
  }

  /// Every exemption period of `cpr`, oldest first.
  public func exemptions(_ cpr: CPRNumber) throws -> [ExemptionRecord] {
    try store.read { db in
      try db.fetchAll(
        "SELECT \(Self.exemptionColumns) FROM exemption WHERE cpr = ? ORDER BY valid_from, audit_id",
        [CitizenRow.key(cpr)]
      ).map(Self.exemptionRecord)
    }
  }

  /// The accesses to `owner`'s letterbox in force on `asOf`: through the expiry date, not
  /// ended, and not ended by the death of owner or helper (`DelegatedAccess.status`).
  public func accesses(owner: CPRNumber, asOf: CivilDate) throws -> [AccessRecord] {
    try store.read { db in try Self.accessesInForce(db, "owner", owner, asOf: asOf) }
  }

  /// The accesses `helper` holds to others' letterboxes in force on `asOf` (as above).
  public func accesses(helper: CPRNumber, asOf: CivilDate) throws -> [AccessRecord] {
    try store.read { db in try Self.accessesInForce(db, "helper", helper, asOf: asOf) }
  }

  /// The citizen's latest CPR status (a death is known, with its date, from the day it is
  /// imported), nil when not in the register.
  public func latestStatus(_ cpr: CPRNumber) throws -> CPRStatus? {
    try store.read { db in try Self.latestStatus(db, cpr) }
  }

  /// The pair's recorded access on `asOf`, whether or not it is still in force by the rules
  /// (it may have expired, or ended with a death): for revoking, giving up or granting again.
  public func access(owner: CPRNumber, helper: CPRNumber, asOf: CivilDate) throws -> AccessRecord? {
    try store.read { db in try Self.accessVersion(db, owner: owner, helper: helper, asOf: asOf) }
  }

  /// The current version of every citizen born between the two dates, both included,
  /// by birth date: for finding letterboxes and notices due in a window.
  public func citizens(bornBetween first: CivilDate, and last: CivilDate) throws -> [Citizen] {
    try store.read { db in
      try db.fetchAll(
        """
        SELECT \(CitizenRow.selection) FROM citizen
        WHERE birth_date BETWEEN ? AND ? AND valid_to IS NULL ORDER BY birth_date, cpr
        """,
        [first.iso, last.iso]
      ).map { CitizenRow.citizen(from: $0) }
    }
  }

  /// The exemption application `id`, with its decision once recorded.
  public func application(id: Int64) throws -> ApplicationRecord? {
    try store.read { db in try Self.application(db, id: id) }
  }

  /// Checks the audit chain from the first entry.
  public func verifyAuditChain() throws -> AuditVerification {
    try store.read { db in try AuditLog.verify(db) }
  }

  /// Checks that every exemption period, access version and decision is what the audit log
  /// says was written, and that every entry that wrote one still has it: the first
  /// disagreement in words, nil when they agree (`AuditLog.verifyState`).
  public func verifyAuditedState() throws -> String? {
    try store.read { db in try AuditLog.verifyState(db, subjectKey: subjectKey) }
  }

  /// The audit entry `number` (from 1) and its hash, nil when the log is shorter: for
  /// checking a head noted earlier.
  public func auditHash(ofEntry number: Int) throws -> String? {
    try store.read { db in try db.fetchValue("SELECT hash FROM audit WHERE id = ?", [number]) }
  }

  /// The audit entries about `cpr`: changes to them, and imports that changed them.
  public func auditEntries(about cpr: CPRNumber) throws -> [AuditEntry] {
    try store.read { db in
      try db.fetchAll(
        """
        SELECT id, at, clerk, centre, action, subject, subject_key, before, after, previous_hash, hash
        FROM audit WHERE subject_key = ? OR id IN (SELECT audit_id FROM citizen WHERE cpr = ?) ORDER BY id
        """,
        [subjectKey(cpr), CitizenRow.key(cpr)]
      ).map(AuditLog.entry(from:))
    }
  }

  /// The number of audit entries, for reports and tests.
  public func auditEntryCount() throws -> Int {
    try store.read { db in try db.fetchValue("SELECT count(*) FROM audit") ?? 0 }
  }

  /// Writes the use case `body` in one transaction, audited as `actor`: everything or nothing.
  ///
  /// The store takes the write lock before the first read, so a job that reads, checks and
  /// writes never meets another writer in between. A writer that holds the registry past the
  /// store's timeout (a long import in another process) makes this throw `RegistryBusy`, with
  /// nothing changed.
  @discardableResult
  public func write<T>(_ actor: AuditActor, _ body: (RegistryTransaction) throws -> T) throws -> T {
    try store.write { connection in
      let transaction = RegistryTransaction(connection: connection, actor: actor, registry: self)
      defer { transaction.isOpen = false }
      return try body(transaction)
    }
  }

}
