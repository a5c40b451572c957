import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Cuts the style sheets of a rendered letter to what prints it: comments and spare white
/// space go, and so does every rule that cannot match anything in the letter (a selector
/// naming a class or an element the letter lacks). The layout's sheet serves forms and
/// letters alike and documents every measurement in comments: 7 KB in every letter, twice
/// (the HTML file and the print order's copy). A letter is static HTML, so a rule none of
/// whose selectors can match is dead weight; what is left prints the same.
///
/// The result depends only on the letter, so the output stays deterministic; it is kept per
/// style sheet and set of classes and elements, so a batch of one template cuts once. A
/// `<style data-letter>` holds the letter's own words (the page header): it is copied as it
/// is, never kept.
final class BatchStyle: Sendable {
  /// A style sheet met in the batch: the names its selectors use, and its cuts by which of
  /// those names a letter has.
  private final class Sheet: @unchecked Sendable {
    let text: [UInt8]
    /// Every class (`.name`) and element name the sheet's selectors use, once each; a
    /// name's number is its place here.
    let names: [String]
    /// The numbers of the names by a hash of their bytes, so that a letter's words are
    /// looked up without making a string of each.
    private let byHash: [Int: [([UInt8], Int)]]
    var cuts: [[Bool]: [UInt8]] = [:]

    init(text: [UInt8]) {
      self.text = text
      var names: [String] = []
      var byHash: [Int: [([UInt8], Int)]] = [:]
      for word in BatchStyle.selectorNames(String(decoding: text, as: UTF8.self)) where !names.contains(word) {
        let bytes = Array(word.utf8)
        bytes.withUnsafeBufferPointer { byHash[BatchStyle.hash($0), default: []].append((bytes, names.count)) }
        names.append(word)
      }
      self.names = names
      self.byHash = byHash
    }

    /// The number of the name spelled by `word` (`.name` for a class), if the sheet uses it.
    func index(of word: UnsafeBufferPointer<UInt8>) -> Int? {
      guard let candidates = byHash[BatchStyle.hash(word)] else { return nil }
      for (bytes, index) in candidates where bytes.count == word.count {
        if bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, word.baseAddress!, word.count) == 0 }) {
          return index
        }
      }
      return nil
    }
  }

  private let sheets = Mutex<[Sheet]>([])

  /// The letter with every `<style>` element's sheet cut down.
  func apply(_ html: String) -> String {
    String(decoding: apply(Array(html.utf8)), as: UTF8.self)
  }

  /// The letter's bytes with every `<style>` element's sheet cut down.
  func apply(_ html: [UInt8]) -> [UInt8] {
    html.withUnsafeBufferPointer { bytes in
      guard var open = Self.find("<style", in: bytes, from: 0) else { return html }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var position = 0
      while true {
        guard let tagEnd = Self.find(">", in: bytes, from: open),
          let close = Self.find("</style>", in: bytes, from: tagEnd)
        else { break }
        out += bytes[position...tagEnd]
        if let mark = Self.find("data-letter", in: bytes, from: open), mark < tagEnd {
          // A sheet of this letter's own words (the layout's page header): as it is, and
          // not kept, or the batch would keep one sheet per letter and search them all.
          out += bytes[(tagEnd + 1)..<close]
        } else {
          out += cut(UnsafeBufferPointer(rebasing: bytes[(tagEnd + 1)..<close]), letter: bytes)
        }
        position = close
        guard let next = Self.find("<style", in: bytes, from: close) else { break }
        open = next
      }
      out += bytes[position...]
      return out
    }
  }

  /// The cut of one sheet for `letter`, made once per sheet and set of names used.
  private func cut(_ sheetBytes: UnsafeBufferPointer<UInt8>, letter: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    let sheet: Sheet = sheets.withLock { known in
      let found = known.first { sheet in
        sheet.text.count == sheetBytes.count
          && (sheetBytes.isEmpty
            || sheet.text.withUnsafeBufferPointer { memcmp($0.baseAddress!, sheetBytes.baseAddress!, $0.count) == 0 })
      }
      if let found {
        return found
      }
      let made = Sheet(text: Array(sheetBytes))
      known.append(made)
      return made
    }
    var used = [Bool](repeating: false, count: sheet.names.count)
    Self.vocabulary(letter) { word in
      if let index = sheet.index(of: word) { used[index] = true }
    }
    return sheets.withLock { _ in
      if let known = sheet.cuts[used] { return known }
      var classes = Set<String>()
      var elements = Set<String>()
      for (index, word) in sheet.names.enumerated() where used[index] {
        if word.hasPrefix(".") { classes.insert(String(word.dropFirst())) } else { elements.insert(word) }
      }
      let made = Array(
        ("\n" + Self.cut(String(decoding: sheet.text, as: UTF8.self), classes: classes, elements: elements)).utf8)
      sheet.cuts[used] = made
      return made
    }
  }

  /// FNV-1a of a word's bytes.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return Int(truncatingIfNeeded: hash)
  }

  /// The first index of `needle` in `bytes` at or after `from`.
  static func find(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    guard from < bytes.count, let base = bytes.baseAddress else { return nil }
    let length = needle.utf8CodeUnitCount
    var start = from
    // memchr for the first byte, memcmp for the rest (Glibc's module hides memmem).
    while start + length <= bytes.count,
      let hit = memchr(base + start, Int32(needle.utf8Start.pointee), bytes.count - start - length + 1)
    {
      let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
      if memcmp(base + offset, needle.utf8Start, length) == 0 { return offset }
      start = offset + 1
    }
    return nil
  }

  /// Calls `body` with every class name (as `.name`) and element name (lower case) of the
  /// letter outside its style sheets and scripts, as bytes (valid only during the call).
  static func vocabulary(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    var word = [UInt8](repeating: 0, count: 128)
    word.withUnsafeMutableBufferPointer { word in
      /// Hands `body` the bytes `start..<end`: after a dot for a class, lower-cased for an element.
      func say(_ start: Int, _ end: Int, dot: Bool) {
        let length = min(end - start, word.count - 1)
        var count = 0
        if dot {
          word[0] = UInt8(ascii: ".")
          count = 1
        }
        for position in start..<(start + length) {
          let byte = bytes[position]
          word[count] = !dot && (65...90).contains(byte) ? byte + 32 : byte
          count += 1
        }
        body(UnsafeBufferPointer(rebasing: word[0..<count]))
      }
      for name in ["html", "body"] {
        var name = name
        name.withUTF8 { body($0) }
      }
      scan(bytes, say)
    }
  }

  /// The tags of `bytes`: `say(start, end, dot:)` for every element name (`dot` false) and
  /// every word of a `class` attribute (`dot` true), outside style sheets and scripts.
  private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ say: (Int, Int, Bool) -> Void) {
    var index = 0
    let count = bytes.count
    func isName(_ byte: UInt8) -> Bool {
      (97...122).contains(byte) || (65...90).contains(byte) || (48...57).contains(byte) || byte == 45 || byte == 95
    }
    while index < count {
      guard let open = find("<", in: bytes, from: index) else { return }
      var end = open + 1
      while end < count, isName(bytes[end]) { end += 1 }
      if end > open + 1 { say(open + 1, end, false) }
      // The element's text is not markup in a style sheet or a script.
      let isStyle = end - open - 1 == 5 && matches("style", bytes, open + 1)
      let isScript = end - open - 1 == 6 && matches("script", bytes, open + 1)
      // The tag's attributes: look for class="…".
      var cursor = end
      while cursor < count, bytes[cursor] != UInt8(ascii: ">") {
        guard bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") else {
          cursor += 1
          continue
        }
        let quote = bytes[cursor]
        let valueStart = cursor + 1
        var valueEnd = valueStart
        while valueEnd < count, bytes[valueEnd] != quote { valueEnd += 1 }
        if valueStart >= 7, matches("class=", bytes, valueStart - 7) {
          var wordStart = valueStart
          for position in valueStart...valueEnd
          where position == valueEnd || bytes[position] == 32 || bytes[position] == 9 || bytes[position] == 10 {
            if position > wordStart { say(wordStart, position, true) }
            wordStart = position + 1
          }
        }
        cursor = valueEnd + 1
      }
      if isStyle || isScript {
        let closing = isStyle ? find("</style", in: bytes, from: cursor) : find("</script", in: bytes, from: cursor)
        index = (closing ?? count) + 1
      } else {
        index = cursor + 1
      }
    }
  }

  /// Whether `bytes` at `at` spell `word` (ASCII, any case).
  private static func matches(_ word: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
    let length = word.utf8CodeUnitCount
    guard at >= 0, at + length <= bytes.count else { return false }
    for offset in 0..<length where bytes[at + offset] | 0x20 != word.utf8Start[offset] | 0x20 {
      return false
    }
    return true
  }
}
