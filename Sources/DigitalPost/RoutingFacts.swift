/// What the choice of channel (domain.md §7) needs to know of one citizen on one date, and
/// nothing more: no name, no address lines.
///
/// Routing a national batch asks for millions of these; the registry can answer them from
/// a small table of facts instead of reading whole citizen records. The address itself is
/// output data, read by the printer for the letters that go on paper.
public struct RoutingFacts: Hashable, Sendable {
  /// The CPR status on that date, with the day it began (§7.2 reads the day of death).
  public var status: CPRStatus
  /// Up to two custody holders (§7.3, for a citizen under 15).
  public var custodyHolders: [CPRNumber]
  /// Whether a postal address (Danish or foreign) is registered: without one, an exempt
  /// citizen's letters are held at the centre (§7.4).
  public var hasPostalAddress: Bool
  /// The municipality where the citizen is (or was last) registered.
  public var municipality: MunicipalityCode
  /// Whether an exemption from Digital Post is in force on that date.
  public var isExempt: Bool

  /// Records the facts.
  public init(
    status: CPRStatus, custodyHolders: [CPRNumber], hasPostalAddress: Bool, municipality: MunicipalityCode,
    isExempt: Bool
  ) {
    self.status = status
    self.custodyHolders = custodyHolders
    self.hasPostalAddress = hasPostalAddress
    self.municipality = municipality
    self.isExempt = isExempt
  }
}

extension RecipientState {
  /// The facts of this state that routing reads.
  public var routingFacts: RoutingFacts {
    var hasAddress = true
    if case .none = citizen.address { hasAddress = false }
    return RoutingFacts(
      status: citizen.status, custodyHolders: citizen.custodyHolders, hasPostalAddress: hasAddress,
      municipality: citizen.municipality, isExempt: isExempt)
  }
}
