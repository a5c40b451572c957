import DigitalPost
import Foundation

/// Who makes a change, where and when: every audit entry carries one.
///
/// `at` is handed in by the caller (the use case, or the CLI from `POSTDESK_NOW`): the
/// registry never reads a clock, so a test or a replay writes the same log.
public struct AuditActor: Sendable, Hashable {
  /// The clerk's identifier (initials or staff number), or `system` for batch jobs.
  public var clerk: String
  /// The Citizen Service Centre, by municipality code as text (`101`), or `000` for none.
  public var centre: String
  /// When the change is made.
  public var at: Date

  /// Creates an actor; `centre` is kept as text so that `000` (no centre) is expressible.
  public init(clerk: String, centre: String, at: Date) {
    self.clerk = clerk
    self.centre = centre
    self.at = at
  }
}
