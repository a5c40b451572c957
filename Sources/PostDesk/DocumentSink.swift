import Documents
import Registry

/// Where a job's documents go, committed inside the job's own registry transaction: a job
/// hands its documents to the sink last, so that a refusal or a failure before keeps nothing,
/// and a sink that cannot keep them undoes the job (its transaction rolls back).
///
/// The interface chooses the sink: the command line a folder the user named
/// (``DocumentFolder``), the web desk the registry (``KeptDocuments``), from which any desk on
/// the same registry serves them.
public protocol DocumentSink: Sendable {
  /// Keeps `documents`, all or none, as part of `transaction`.
  func keep(_ documents: [Document], in transaction: RegistryTransaction) throws
}

extension Desk {
  /// Keeps the documents of a job that records nothing itself (a form, the letterbox
  /// notices) in a transaction of their own, in which nothing is audited.
  func keep(_ documents: [Document], in sink: some DocumentSink) throws {
    guard !documents.isEmpty else { return }
    try registry.write(AuditActor(clerk: "system", centre: "000", at: now)) { try sink.keep(documents, in: $0) }
  }
}
