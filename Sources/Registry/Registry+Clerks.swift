import DigitalPost
import Foundation
import GRDB

extension DatabaseMigrator {
  /// The clerk accounts of the web desk, after the registry's own migrations.
  mutating func registerClerkMigrations() {
    registerMigration("clerks-v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE clerk (
            id TEXT PRIMARY KEY,
            centre TEXT NOT NULL,
            admin INTEGER NOT NULL,
            password_hash TEXT NOT NULL
          ) WITHOUT ROWID;
          """)
    }
  }
}

extension Registry {
  /// The account of clerk `id`, if there is one; a centre that is not a municipality code is
  /// an error naming the clerk.
  public func clerkAccount(_ id: String) throws -> ClerkAccount? {
    try store.read { db in
      try db.fetchOne("SELECT id, centre, admin, password_hash FROM clerk WHERE id = ?", [id]).map {
        ClerkAccount(
          id: $0[0], centre: try Self.municipality($0[1], table: "clerk", row: "clerk \(id)"), isAdmin: $0[2],
          passwordHash: $0[3])
      }
    }
  }
}

extension RegistryTransaction {
  /// Adds clerk `account`, or replaces the centre, role and password of the clerk with its id.
  /// The audit entry names the clerk and centre, never the hash.
  @discardableResult
  public func upsertClerk(_ account: ClerkAccount) throws -> CitizenChange {
    let existing = try connection.fetchOne("SELECT centre, admin FROM clerk WHERE id = ?", [account.id])
    try connection.execute(
      """
      INSERT INTO clerk (id, centre, admin, password_hash) VALUES (?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET centre = excluded.centre, admin = excluded.admin,
        password_hash = excluded.password_hash
      """,
      [account.id, account.centre.description, account.isAdmin, account.passwordHash])
    let after = ClerkAudit(admin: account.isAdmin, centre: account.centre.description, clerk: account.id).json
    let before = existing.map { ClerkAudit(admin: $0[1], centre: $0[0], clerk: account.id).json }
    try AuditLog.append(
      connection, actor: actor, action: existing == nil ? .clerkCreate : .clerkUpdate, subject: nil, subjectKey: nil,
      before: before, after: after)
    return existing == nil ? .created : .updated
  }
}

/// What the audit log keeps of a clerk account: never the hash.
private struct ClerkAudit: Encodable {
  var admin: Bool
  var centre: String
  var clerk: String

  var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
  }
}
