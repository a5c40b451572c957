/// The state of a citizen's Digital Post letterbox on a date (domain.md §3).
public enum LetterboxState: Hashable, Sendable {
  /// Under 15: assigned automatically on `due`.
  case notAssigned(due: CivilDate)
  /// 15 or older, but registered as living abroad since before the 15th birthday: assigned
  /// when registered as living in Denmark again.
  case notAssignedWhileAbroad
  /// Connected to Digital Post since `since`.
  case active(since: CivilDate)
  /// Exempt: letters go on paper.
  case exempt
  /// Closed by death.
  case closed(on: CivilDate)

  /// The word reports and JSON use: `not-assigned`, `active`, `exempt`, `closed`.
  public var name: String {
    switch self {
    case .notAssigned, .notAssignedWhileAbroad: "not-assigned"
    case .active: "active"
    case .exempt: "exempt"
    case .closed: "closed"
    }
  }
}
