import DigitalPost
import Foundation

/// One entry of the append-only audit log, as stored (the subject is masked).
public struct AuditEntry: Sendable, Hashable {
  /// Position in the chain, from 1.
  public var id: Int64
  /// When, as ISO-8601 UTC with milliseconds.
  public var at: String
  /// Which clerk.
  public var clerk: String
  /// Which centre.
  public var centre: String
  /// What happened, as an action word (`citizen.update`, `exemption.start`, ...).
  public var action: String
  /// Whom it is about, masked (`DDMMYY-XXXX`), or empty for a whole import.
  public var subject: String
  /// The state before, as JSON with masked CPR numbers; nil when created.
  public var before: String?
  /// The state after, as JSON with masked CPR numbers; nil when removed.
  public var after: String?
  /// The hash of the entry before (64 zeros for the first).
  public var previousHash: String
  /// SHA-256 of the previous hash and this entry's canonical bytes, hex.
  public var hash: String
}
