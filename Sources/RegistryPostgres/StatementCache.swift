import Foundation

/// Each statement's SQL in PostgreSQL's placeholders, translated once per text and shared by
/// the store's connections (the registry's statements are a few hundred fixed texts).
final class StatementCache: @unchecked Sendable {
  private let lock = NSLock()
  // Guarded by `lock`.
  private var translations: [String: String] = [:]
  /// More texts than the registry has: a caller building SQL from values would fill it.
  private static let limit = 4096

  /// `sql` with `$N` placeholders.
  func translated(_ sql: String) -> String {
    lock.lock()
    defer { lock.unlock() }
    if let known = translations[sql] { return known }
    if translations.count >= Self.limit { translations.removeAll(keepingCapacity: true) }
    let translated = PostgresPlaceholders.translate(sql).sql
    translations[sql] = translated
    return translated
  }
}
