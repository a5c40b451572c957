import Crypto
import DigitalPost
import Foundation
import Registry

/// The opaque references of one session to citizens (`/citizens/REF`): a CPR number sealed with
/// a key made from the session's token (AES-GCM), so that no CPR number goes into a URL, a
/// reference is good only in the session that made it, and nothing is kept for it: any desk
/// handed the session's cookie reads it, and it dies with the session.
///
/// One citizen has one reference in a session (the nonce is made from the number with a second
/// key from the token), so a page links the same citizen the same way every time.
struct CitizenReferences: Sendable {
  /// The sealing key (32 bytes) and the nonces' key (32 bytes), from the session's token.
  private let keys: Data

  /// The references of the session whose token is `token`.
  init(token: String) {
    keys = Data(SHA512.hash(data: Data("citizen-references:\(token)".utf8)))
  }

  /// The reference to `cpr`: 66 hex digits (the nonce, the number's five bytes, the tag).
  func reference(for cpr: CPRNumber) -> String {
    var number = UInt64(cpr.digits)!.bigEndian
    let plain = withUnsafeBytes(of: &number) { Data($0.suffix(5)) }
    let nonce = Data(SHA256.hash(data: keys.suffix(32) + plain)).prefix(12)
    // A 12-byte nonce always makes a combined box; sealing with a 256-bit key does not fail.
    let sealed = try! AES.GCM.seal(plain, using: key, nonce: AES.GCM.Nonce(data: nonce))
    return sealed.combined!.hexadecimal()
  }

  /// The citizen `reference` names in this session; nil for anything this session did not make.
  subscript(_ reference: String) -> CPRNumber? {
    guard reference.utf8.count == 66, let bytes = Self.bytes(hex: reference),
      let box = try? AES.GCM.SealedBox(combined: bytes), let plain = try? AES.GCM.open(box, using: key),
      plain.count == 5
    else { return nil }
    return CPRNumber(storedValue: plain.reduce(Int64(0)) { $0 << 8 | Int64($1) })
  }

  private var key: SymmetricKey { SymmetricKey(data: keys.prefix(32)) }

  /// The bytes of lower-case hex `text`; nil when it is not that.
  private static func bytes(hex text: String) -> Data? {
    var bytes = Data()
    bytes.reserveCapacity(text.utf8.count / 2)
    var high: UInt8?
    for character in text.utf8 {
      let nibble: UInt8
      switch character {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
      default: return nil
      }
      if let first = high {
        bytes.append(first << 4 | nibble)
        high = nil
      } else {
        high = nibble
      }
    }
    return high == nil ? bytes : nil
  }
}
