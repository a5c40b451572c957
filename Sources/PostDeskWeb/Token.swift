import Crypto
import Foundation
import Registry

/// Unguessable tokens for session ids, references and the ids of the letters kept, and the
/// values made from a session's token (its CSRF token, its citizens' references' keys).
enum Token {
  /// `bytes` random bytes as lower-case hex.
  static func random(bytes: Int = 32) -> String {
    var generator = SystemRandomNumberGenerator()
    var text = ""
    text.reserveCapacity(bytes * 2)
    for _ in 0..<bytes {
      let byte = UInt8.random(in: 0...255, using: &generator)
      text += String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
    }
    return text
  }

  /// The HMAC-SHA256 of `label` keyed with `token`: a value only the holder of the token can
  /// make (the registry keeps a SHA-256 of the token, from which this cannot be made).
  static func derived(from token: String, _ label: String) -> Data {
    Data(HMAC<SHA256>.authenticationCode(for: Data(label.utf8), using: SymmetricKey(data: Data(token.utf8))))
  }

  /// Compares two tokens in time independent of where they differ.
  static func equal(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in x.indices { difference |= x[i] ^ y[i] }
    return difference == 0
  }
}
