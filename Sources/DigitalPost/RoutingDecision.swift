/// The channel chosen for a letter, and the reason in words a clerk can repeat.
public struct RoutingDecision: Hashable, Sendable {
  /// The channel.
  public var channel: DeliveryChannel
  /// Why, citing the rule of domain.md §7.
  public var reason: String

  /// Records a decision.
  public init(channel: DeliveryChannel, reason: String) {
    self.channel = channel
    self.reason = reason
  }
}
