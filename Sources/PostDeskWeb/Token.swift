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

  /// The SHA-256 of `label`, a colon and `token`: a value only the holder of the token can make
  /// (the registry keeps the SHA-256 of the token alone, from which this cannot be made). One
  /// hash, not an HMAC: the token is 256 random bits, and the citizen page makes a few of these.
  static func derived(from token: String, _ label: String) -> Data {
    Data(SHA256.hash(data: Data("\(label):\(token)".utf8)))
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
