import DigitalPost
import Foundation
import GRDB

extension DatabaseMigrator {
  /// Identity documents stored as objects of their own (`{"kind": "passport", "expires":
  /// "2030-01-31"}`) instead of the text the clerk typed (`passport:2030-01-31`): the registry
  /// keeps what the rules read, not one interface's syntax.
  mutating func registerDocumentMigrations() {
    registerMigration("identity-documents-as-objects-v1") { db in
      let rows = try Row.fetchAll(db, sql: "SELECT id, identity_documents FROM application")
      for row in rows {
        let id: Int64 = row[0]
        let stored: String = row[1]
        // Rows written after this migration hold objects already.
        guard let texts = try? JSONDecoder().decode([String].self, from: Data(stored.utf8)) else { continue }
        var documents: [PresentedDocument] = []
        for text in texts {
          do throws(DomainError) {
            documents.append(try PresentedDocument(parsing: text))
          } catch {
            throw RegistryError(
              "application \(id) holds the identity document \"\(text)\", which cannot be read ({refusal}); "
                + "correct it in the registry file, then open it again", refusal: error)
          }
        }
        try db.execute(
          sql: "UPDATE application SET identity_documents = ? WHERE id = ?",
          arguments: [Registry.encodeDocuments(documents), id])
      }
    }
  }
}
