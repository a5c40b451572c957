import DigitalPost
import Documents
import Foundation
import Registry

/// The registry as a job's sink: the web desk's letters kept in the registry file, in the
/// job's own transaction, under the action's unguessable id and the centre of the clerk who
/// made them, so that any desk on the same registry serves them to that centre's clerks.
///
/// A letter may carry a full CPR number (the pre-filled form): it sits in the registry file,
/// which holds the citizens' numbers already and is its owner's only (0600, `Registry`).
public struct KeptDocuments: DocumentSink {
  /// The action's id: 32 hex digits, not guessable, the only way to the documents.
  public let action: String
  /// The centre of the clerk who made them.
  public let centre: MunicipalityCode
  /// When they were made: they are forgotten once older than the retention period.
  public let madeAt: Date

  /// A sink for the documents of action `action` by a clerk of `centre`, made at `madeAt`.
  public init(action: String, centre: MunicipalityCode, madeAt: Date) {
    self.action = action
    self.centre = centre
    self.madeAt = madeAt
  }

  /// Keeps every document in `transaction`.
  public func keep(_ documents: [Document], in transaction: RegistryTransaction) throws {
    for document in documents {
      try transaction.keepDocument(
        action: action, name: document.name, format: document.format.rawValue, centre: centre, madeAt: madeAt,
        contents: document.contents)
    }
  }
}
