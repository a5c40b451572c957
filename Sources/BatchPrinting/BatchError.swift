import Crypto
import Foundation
import Registry

/// A failure of the batch as a whole (not of one letter): said in words the user can act on.
public struct BatchError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong and how to mend it.
  public var message: String
  /// Records a failure.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}
