import ArgumentParser
import Foundation
import Registry

/// A head as `audit head` prints it: the entry count and the last entry's hash.
struct NotedHead {
  var count: Int
  var hash: String

  static func read(_ path: String) throws -> NotedHead {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure("cannot read \(path); give the file 'postdesk audit head' was written to")
    }
    let words = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
    guard words.count == 2, let count = Int(words[0]), count >= 0, words[1].count == 64,
      words[1].allSatisfy(\.isHexDigit)
    else {
      throw CommandFailure("\(path) is not a head written by 'postdesk audit head' (COUNT HASH)")
    }
    return NotedHead(count: count, hash: String(words[1]))
  }
}
