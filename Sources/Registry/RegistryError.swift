import DigitalPost
import Foundation

/// What went wrong in the registry, in words a clerk can act on.
public struct RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong and, where there is one, what to do; `{refusal}` where a rule's `refusal`
  /// goes, in the words of whoever prints it (`worded(_:)`).
  public var message: String
  /// The rule's refusal the message reports (a row the rules refuse), as structure: the
  /// domain has no words, the catalogues do.
  public var refusal: DomainError?

  /// Creates an error with a message for a person.
  public init(_ message: String) { self.message = message }

  /// Creates an error that reports the rule's `refusal` where `message` says `{refusal}`.
  public init(_ message: String, refusal: DomainError) {
    self.message = message
    self.refusal = refusal
  }

  /// The message with the refusal in the words `words` gives it.
  public func worded(_ words: (DomainError) -> String) -> String {
    refusal.map { message.replacingOccurrences(of: "{refusal}", with: words($0)) } ?? message
  }

  /// The message, the refusal as its case (for logs; a person reads `worded(_:)`).
  public var description: String { worded { "\($0)" } }
}
