import DigitalPost
import Foundation
import GRDB

extension DatabaseMigrator {
  /// The documents the web desk keeps, so that any desk on the same registry serves them (a
  /// table of its own, outside the audited state: a letter is a copy of what was recorded,
  /// and it is forgotten after the retention period).
  mutating func registerKeptDocumentMigrations() {
    registerMigration("kept-documents-v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE kept_document (
            action   TEXT NOT NULL,     -- the unguessable id of the action that made it
            name     TEXT NOT NULL,     -- e.g. exemption-decision
            format   TEXT NOT NULL,     -- html | pdf
            centre   INTEGER NOT NULL,  -- the municipality code of the maker's centre
            made_at  REAL NOT NULL,     -- seconds since 1970
            contents BLOB NOT NULL,
            PRIMARY KEY (action, name, format)
          ) WITHOUT ROWID;
          CREATE INDEX kept_document_made_at ON kept_document (made_at);
          """)
    }
  }
}

extension RegistryTransaction {
  /// Keeps a document made by the action `action` of a clerk of `centre`, in this transaction:
  /// it is kept exactly when the action's records are. A document of that action, name and
  /// format already kept is replaced.
  public func keepDocument(
    action: String, name: String, format: String, centre: MunicipalityCode, madeAt: Date, contents: Data
  ) throws {
    precondition(isOpen, "a RegistryTransaction is only valid inside Registry.write { }")
    try KeptDocumentRows.insert(
      connection, action: action, name: name, format: format, centre: centre, madeAt: madeAt, contents: contents,
      replacing: true)
  }
}

extension Registry {
  /// The document `name` in `format` kept for the action `action`, or nil when there is none
  /// (never made, or forgotten).
  public func keptDocument(action: String, name: String, format: String) throws -> KeptDocument? {
    try store.read { db in
      try db.fetchOne(
        "SELECT centre, format, contents, made_at FROM kept_document WHERE action = ? AND name = ? AND format = ?",
        [action, name, format]
      ).flatMap { row in
        MunicipalityCode(row[0] as Int).map {
          KeptDocument(centre: $0, format: row[1], contents: row[2], madeAt: Date(timeIntervalSince1970: row[3]))
        }
      }
    }
  }

  /// Keeps `document` beside the others of its action (a PDF printed when first asked for),
  /// unless one of that name and format is kept already: then that one is kept and returned,
  /// so that every answer is the same bytes. Nothing is audited: a copy of a letter.
  public func keepDocumentOnce(
    action: String, name: String, format: String, centre: MunicipalityCode, madeAt: Date, contents: Data
  ) throws -> Data {
    try store.write { db in
      try KeptDocumentRows.insert(
        db, action: action, name: name, format: format, centre: centre, madeAt: madeAt, contents: contents,
        replacing: false)
      return try db.fetchValue(
        "SELECT contents FROM kept_document WHERE action = ? AND name = ? AND format = ?", [action, name, format])
        ?? contents
    }
  }

  /// Forgets every kept document made before `limit`; returns how many.
  @discardableResult
  public func forgetDocuments(madeBefore limit: Date) throws -> Int {
    try store.write { db in
      try db.execute("DELETE FROM kept_document WHERE made_at < ?", [limit.timeIntervalSince1970])
    }
  }
}
