import DigitalPost
import Documents
import Foundation

// The data a document template reads: the contract in samples/documents/README.md.
// Field names here are the paths the templates use.

/// Case references printed on letters: a letter and a number, never a CPR number.
enum Reference {
  static func application(_ id: Int64, on date: CivilDate) -> String {
    "FD-\(date.year)-\(pad(id))"
  }

  /// One access, the same on the owner's and the helper's letter and on later letters
  /// about it: a digest of the pair and the start, which does not reveal the numbers.
  static func access(_ owner: CPRNumber, _ helper: CPRNumber, from: CivilDate) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
    for byte in "\(owner.digits)|\(helper.digits)|\(from.iso)".utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    let hex = String(hash >> 32, radix: 16, uppercase: true)
    return "AD-\(from.year)-\(String(repeating: "0", count: 8 - hex.count))\(hex)"
  }

  /// The `number`th notice written for `date`.
  static func notice(on date: CivilDate, number: Int) -> String {
    "DP15-\(date.iso.replacingOccurrences(of: "-", with: ""))-\(pad(Int64(number), width: 2))"
  }

  static func pad(_ n: Int64, width: Int = 6) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }
}
