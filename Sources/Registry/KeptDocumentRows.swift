import DigitalPost
import Foundation

/// The statements on `kept_document`.
enum KeptDocumentRows {
  static func insert(
    _ db: any StoreConnection, action: String, name: String, format: String, centre: MunicipalityCode, madeAt: Date,
    contents: Data, replacing: Bool
  ) throws {
    let onConflict =
      replacing
      ? "DO UPDATE SET centre = excluded.centre, made_at = excluded.made_at, contents = excluded.contents"
      : "DO NOTHING"
    try db.execute(
      """
      INSERT INTO kept_document (action, name, format, centre, made_at, contents) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (action, name, format) \(onConflict)
      """,
      [action, name, format, centre.value, madeAt.timeIntervalSince1970, contents])
  }
}
