import Foundation
import GRDB

/// A MeMo message a batch has printed: which batch, which letter of it, and where.
public struct PrintedMessage: Sendable, Equatable {
  /// The message's `messageUUID`, in lower case (MeMo's UUIDs compare without case).
  public var uuid: String
  /// The batch that printed it first (its id, 32 hex digits).
  public var batchID: String
  /// The letter's number in that batch.
  public var letter: Int
  /// The batch folder, as that batch was given it.
  public var folder: String

  /// A message printed as `letter` of batch `batchID` in `folder`.
  public init(uuid: String, batchID: String, letter: Int, folder: String) {
    self.uuid = uuid.lowercased()
    self.batchID = batchID
    self.letter = letter
    self.folder = folder
  }
}

extension DatabaseMigrator {
  /// The MeMo messages printed by batches, so that a later mailing repeating one is noticed.
  mutating func registerPrintedMessageMigrations() {
    registerMigration("printed-messages-v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE printed_message (
            uuid TEXT PRIMARY KEY,
            batch_id TEXT NOT NULL,
            letter INTEGER NOT NULL,
            folder TEXT NOT NULL
          ) WITHOUT ROWID;
          """)
    }
  }
}

extension Registry {
  /// The first printing of message `uuid` (any case), nil when no batch has printed it.
  public func printedMessage(_ uuid: String) throws -> PrintedMessage? {
    try printedMessages([uuid]).values.first
  }

  /// The first printing of each of `uuids` that a batch has printed, by UUID in lower case: one
  /// read for a batch's chunk of messages.
  public func printedMessages(_ uuids: [String]) throws -> [String: PrintedMessage] {
    try store.read { db in
      var found: [String: PrintedMessage] = [:]
      for uuid in uuids {
        guard
          let row = try db.fetchOne(
            "SELECT uuid, batch_id, letter, folder FROM printed_message WHERE uuid = ?", [uuid.lowercased()])
        else { continue }
        found[uuid.lowercased()] = PrintedMessage(uuid: row[0], batchID: row[1], letter: row[2], folder: row[3])
      }
      return found
    }
  }

  /// Notes `messages` as printed; a message printed before keeps its first printing. With
  /// `waiting` false, a registry another writer holds (an import) answers `false` at once
  /// instead of waiting, and nothing is written; else `RegistryBusy` after the busy timeout.
  ///
  /// Not audited: which batch printed a message is the batch's own record (its manifest), kept
  /// here only to warn about a repeat; it changes nothing of what the register says of anyone.
  @discardableResult
  public func recordPrintedMessages(_ messages: [PrintedMessage], waiting: Bool = true) throws -> Bool {
    guard !messages.isEmpty else { return true }
    do {
      try store.write(waiting: waiting) { db in
        for m in messages {
          try db.execute(
            """
            INSERT INTO printed_message (uuid, batch_id, letter, folder) VALUES (?, ?, ?, ?)
            ON CONFLICT (uuid) DO NOTHING
            """, [m.uuid, m.batchID, m.letter, m.folder])
        }
      }
      return true
    } catch is RegistryBusy where !waiting {
      return false
    }
  }
}
