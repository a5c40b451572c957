import DigitalPost
import Foundation
import GRDB

/// What a citizen upsert did.
public enum CitizenChange: String, Sendable, Hashable {
  /// New to the registry.
  case created
  /// The open version was closed and a new one opened.
  case updated
  /// Same data: nothing written, nothing audited.
  case unchanged
}
