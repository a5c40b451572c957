import Crypto
import Foundation
import Registry

/// The batch's digests and the identifiers derived from them.
enum BatchDigest {
  /// SHA-256 of bytes, in hexadecimal.
  static func sha256(_ bytes: some DataProtocol) -> String { SHA256.hash(data: bytes).hexadecimal() }

  /// SHA-256 of a string's UTF-8 bytes, in hexadecimal.
  static func sha256(_ text: String) -> String { sha256(Array(text.utf8)) }

  /// A message UUID derived from `seed`: the same seed gives the same UUID, so a re-run names
  /// its messages the same way. It has the version-4 form although it is derived from a name
  /// (which RFC 9562 would call version 8), because MeMo 1.2's `memoUuidType` admits only
  /// version 4; upper-case, as the MeMo examples write it.
  static func messageUUID(_ seed: String) -> String {
    var bytes = Array(SHA256.hash(data: Array(seed.utf8)).prefix(16))
    bytes[6] = (bytes[6] & 0x0f) | 0x40
    bytes[8] = (bytes[8] & 0x3f) | 0x80
    let uuid = UUID(
      uuid: (
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
        bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
      ))
    return uuid.uuidString
  }
}
