import DigitalPost
import Registry

/// Whether a citizen can obtain NemID/MitID at the centre today, and why (domain.md §5,
/// seeds 000 and 001); not being able to supports exemption criterion 5.
public struct CheckNemID: Sendable {
  /// The desk whose registry and working day the check uses.
  public let desk: Desk

  /// Makes the check for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// The answer, with what it means for the citizen; `RefusalWording.nemID` words it.
  public struct Result: Sendable, Equatable {
    /// Whether NemID/MitID can be issued and how the code card comes, or why not.
    public var eligibility: NemIDEligibility
  }

  /// Checks `cpr`, who must be in the registry, with the documents presented: as registered
  /// today (a death, and whether there is an address to post the code card to).
  public func run(
    cpr: CPRNumber, documents: [PresentedDocument], inDenmarkShortTime: Bool, witnessTestified: Bool
  ) throws -> Result {
    let citizen = try desk.citizen(cpr)
    var hasAddress = true
    if case .none = citizen.address { hasAddress = false }
    return Result(
      eligibility: NemIDRules.eligibility(
        cpr: cpr, documents: documents, inDenmarkShortTime: inDenmarkShortTime, witnessTestified: witnessTestified,
        status: citizen.status, hasPostalAddress: hasAddress, on: desk.today))
  }
}
