/// Why a letter cannot be delivered.
public enum UndeliverableReason: String, Hashable, Sendable {
  /// §7.1: the CPR number is not in the register.
  case unknownRecipient = "unknown recipient"
  /// §7.2: the recipient died on or before the letter date.
  case deceased = "deceased (returned to the sender)"
  /// §7.3: a child with no custody holder recorded.
  case noCustodyHolders = "under 15 with no custody holder recorded"
  /// §7.5: 15 or older, never assigned a letterbox (registered abroad since before turning
  /// 15), and no custody holder recorded.
  case noLetterbox = "no letterbox assigned and no custody holder recorded"
}
