/// What the register says of one citizen on one date: the whole record, as the printer
/// needs it (routing needs less: `routingFacts`). The registry builds it as of the letter date.
public struct RecipientState: Hashable, Sendable {
  /// The citizen's record on that date.
  public var citizen: Citizen
  /// Whether an exemption from Digital Post is in force on that date.
  public var isExempt: Bool

  /// Records a state.
  public init(citizen: Citizen, isExempt: Bool) {
    self.citizen = citizen
    self.isExempt = isExempt
  }
}

/// The channel chosen for one letter, with enough to act on it.
public indirect enum DeliveryChannel: Hashable, Sendable {
  /// The recipient's Digital Post letterbox.
  case digital(CPRNumber)
  /// Paper, to the registered postal address (Danish or foreign). The address is not part
  /// of the decision: the printer reads it from the register for the letters that print.
  case paper(CPRNumber)
  /// Under 15: one copy per custody holder, each routed by the same rules.
  case custodyHolders([DeliveryChannel])
  /// Exempt with no postal address: held at the centre of the citizen's municipality.
  case heldForCollection(CPRNumber, MunicipalityCode)
  /// Cannot be delivered, and why.
  case undeliverable(UndeliverableReason)

  /// The short word reports and JSON use: `digital`, `paper`, `custody-holders`,
  /// `held-for-collection`, `undeliverable`.
  public var name: String {
    switch self {
    case .digital: "digital"
    case .paper: "paper"
    case .custodyHolders: "custody-holders"
    case .heldForCollection: "held-for-collection"
    case .undeliverable: "undeliverable"
    }
  }
}
