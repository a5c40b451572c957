import Documents
import Foundation
import Registry

/// A folder the user named on the command line: each document written as a file there
/// (`DocumentFile`: whole or not at all, the owner's only), at a path the interface chooses.
public struct DocumentFolder: DocumentSink {
  private let pathOf: @Sendable (Document) -> String

  /// Writes each document as `FOLDER/NAME.html` or `FOLDER/NAME.pdf`.
  public init(_ folder: String) {
    pathOf = { "\(folder)/\($0.fileName)" }
  }

  /// Writes each document to the path `path` gives it (a decision letter to the path the user
  /// named, the helpers' letters beside it).
  public init(path: @escaping @Sendable (Document) -> String) {
    pathOf = path
  }

  /// The file `document` is written to.
  public func path(of document: Document) -> String { pathOf(document) }

  /// Writes every document; when one cannot be written, those written before are removed
  /// again, so that the folder never holds half of a job's letters.
  public func keep(_ documents: [Document], in _: RegistryTransaction) throws {
    var written: [String] = []
    do {
      for document in documents {
        let path = path(of: document)
        try DocumentFile.write(document.contents, to: path)
        written.append(path)
      }
    } catch {
      for path in written { try? FileManager.default.removeItem(atPath: path) }
      throw error
    }
  }
}
