import DigitalPost
import Foundation

/// The outcome of walking the audit chain.
public enum AuditVerification: Sendable, Hashable {
  /// Every entry holds; `count` entries, the last with hash `head`.
  case intact(count: Int, head: String)
  /// The first entry that does not hold, by id, and why.
  case broken(entryID: Int64, reason: String)
}
