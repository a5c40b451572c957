import DigitalPost
import Foundation
import GRDB

/// The statements on `kept_document`.
enum KeptDocumentRows {
  static func insert(
    _ db: Database, action: String, name: String, format: String, centre: MunicipalityCode, madeAt: Date,
    contents: Data, replacing: Bool
  ) throws {
    try db.execute(
      sql: """
        INSERT OR \(replacing ? "REPLACE" : "IGNORE") INTO kept_document
          (action, name, format, centre, made_at, contents) VALUES (?, ?, ?, ?, ?, ?)
        """,
      arguments: [action, name, format, centre.value, madeAt.timeIntervalSince1970, contents])
  }
}
