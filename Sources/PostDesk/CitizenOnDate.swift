import DigitalPost
import Registry

/// What the register and the rules say of one citizen on a date: the state, the channel a
/// letter would take (§7), the exemption in force and the letterbox. Read in one snapshot with
/// single look-ups; `postdesk citizens show` and the web desk's citizen page both show it.
public struct CitizenOnDate: Sendable {
  /// The citizen's record on the date, and whether they were exempt.
  public var state: RecipientState
  /// The channel a letter to them would take on the date, and the rule that says so.
  public var route: RoutingDecision
  /// The exemption in force on the date; nil when there is none.
  public var exemption: ExemptionRecord?
  /// Their letterbox on the date: not yet assigned, active, closed, exempt, or waiting while they live abroad.
  public var letterbox: LetterboxState
  /// The day the letterbox state speaks of: due, opened, closed, or exempt since.
  public var letterboxDate: CivilDate?

  /// `cpr` on `date` as `reads` has it, nil when the register did not hold them that day.
  public init?(reads: CitizenReads, cpr: CPRNumber, on date: CivilDate) throws {
    var failure: (any Error)?
    func lookup(_ other: CPRNumber) -> RecipientState? {
      do { return try reads.recipientState(other) } catch {
        failure = error
        return nil
      }
    }
    let found = lookup(cpr)
    if let failure { throw failure }
    guard let state = found else { return nil }
    let route = DeliveryRules.route(cpr, on: date) { lookup($0)?.routingFacts }
    if let failure { throw failure }
    self.state = state
    self.route = route
    // The state's read already asked whether an exemption is in force that day, in the same
    // snapshot: the record is read only when there is one (most citizens have none).
    exemption = state.isExempt ? try reads.exemption(cpr) : nil
    letterbox = LetterboxRules.state(of: state, on: date)
    switch letterbox {
    case .notAssigned(let due): letterboxDate = due
    case .active(let since): letterboxDate = since
    case .closed(let day): letterboxDate = day
    case .exempt: letterboxDate = exemption?.since
    case .notAssignedWhileAbroad: letterboxDate = nil
    }
  }
}
