import DigitalPost
import Foundation

/// What became of one letter of the input, as the journal, the manifest and the summary name it.
public enum BatchOutcome: String, CaseIterable, Sendable {
  case paper, digital, held, undeliverable
  /// A child's letter, sent as copies to its custody holders.
  case custodyHolders = "custody-holders"
  /// Refused: `rejects.csv` says why.
  case rejected

  /// The outcomes of routed letters, in the manifest's order (the rejected are counted apart).
  public static let routed = allCases.filter { $0 != .rejected }

  /// The outcome of a letter routed to `channel`.
  init(_ channel: DeliveryChannel) {
    switch channel {
    case .digital: self = .digital
    case .paper: self = .paper
    case .heldForCollection: self = .held
    case .undeliverable: self = .undeliverable
    case .custodyHolders: self = .custodyHolders
    }
  }
}
