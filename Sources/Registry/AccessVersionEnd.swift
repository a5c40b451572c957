import DigitalPost

/// Why a version of an access stopped holding: the access ended (`AccessEndReason`), or a
/// change of its level or expiry opened a new version in its place.
///
/// Stored in `access.end_reason` as the reason's code, or `changed`; codes never change
/// once released (`StoredCode`).
public enum AccessVersionEnd: Hashable, Sendable {
  /// The access itself ended.
  case ended(AccessEndReason)
  /// A new version replaced this one from the day it ended.
  case changed

  /// The stored code: the reason's code, or `changed`.
  public var code: String {
    switch self {
    case .ended(let reason): reason.code
    case .changed: Self.changedCode
    }
  }

  /// The end of `code`; nil when no end has it.
  public init?(code: String) {
    if code == Self.changedCode {
      self = .changed
    } else if let reason = AccessEndReason(code: code) {
      self = .ended(reason)
    } else {
      return nil
    }
  }

  /// Every code `access.end_reason` may hold.
  public static var codes: [String] { AccessEndReason.codes + [changedCode] }

  private static let changedCode = "changed"
}
