import DigitalPost
import Foundation

/// What an import of a CPR extract did.
public struct ImportSummary: Sendable, Hashable {
  /// Data rows read (the header not counted).
  public var rows: Int
  /// Citizens new to the registry.
  public var created: Int
  /// Citizens whose data changed: the old version closed, a new one opened.
  public var updated: Int
  /// Citizens whose data was the same: nothing written.
  public var unchanged: Int
  /// SHA-256 of the file, hex: recorded in the audit entry.
  public var sha256: String
  /// The audit entry that records the import.
  public var auditEntryID: Int64
  /// Exemptions granted for emigration that ended because the citizen moved back.
  public var emigrationExemptionsEnded: Int = 0
}
