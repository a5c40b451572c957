import DigitalPost
import Foundation

/// The channel one copy of a letter went by, as the journal, the manifest and the summary name it.
public enum BatchChannel: String, CaseIterable, Sendable {
  case paper, digital, held, undeliverable
}
