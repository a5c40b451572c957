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
/// style sheet and set of classes and elements, so a batch of one template cuts once.
final class BatchStyle: Sendable {
  /// A style sheet met in the batch: the names its selectors use, and its cuts by which of
  /// those names a letter has.
  private final class Sheet: @unchecked Sendable {
    let text: [UInt8]
    /// Every class and element name the sheet's selectors use, numbered.
    let names: [String: Int]
    var cuts: [[Bool]: [UInt8]] = [:]

    init(text: [UInt8]) {
      self.text = text
      var names: [String: Int] = [:]
      for word in BatchStyle.selectorNames(String(decoding: text, as: UTF8.self)) where names[word] == nil {
        names[word] = names.count
      }
      self.names = names
    }
  }

  private let sheets = Mutex<[Sheet]>([])

  /// The letter with every `<style>` element's sheet cut down.
  func apply(_ html: String) -> String {
    var html = html
    return html.withUTF8 { bytes in
      guard var open = Self.find("<style", in: bytes, from: 0) else { return String(decoding: bytes, as: UTF8.self) }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var position = 0
      while true {
        guard let tagEnd = Self.find(">", in: bytes, from: open),
          let close = Self.find("</style>", in: bytes, from: tagEnd)
        else { break }
        out += bytes[position...tagEnd]
        out += cut(UnsafeBufferPointer(rebasing: bytes[(tagEnd + 1)..<close]), letter: bytes)
        position = close
        guard let next = Self.find("<style", in: bytes, from: close) else { break }
        open = next
      }
      out += bytes[position...]
      return String(decoding: out, as: UTF8.self)
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
      if let index = sheet.names[word] { used[index] = true }
    }
    return sheets.withLock { _ in
      if let known = sheet.cuts[used] { return known }
      var classes = Set<String>()
      var elements = Set<String>()
      for (word, index) in sheet.names where used[index] {
        if word.hasPrefix(".") { classes.insert(String(word.dropFirst())) } else { elements.insert(word) }
      }
      let made = Array(
        ("\n" + Self.cut(String(decoding: sheet.text, as: UTF8.self), classes: classes, elements: elements)).utf8)
      sheet.cuts[used] = made
      return made
    }
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
  /// letter outside its style sheets and scripts.
  static func vocabulary(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (String) -> Void) {
    body("html")
    body("body")
    var index = 0
    let count = bytes.count
    func isName(_ byte: UInt8) -> Bool {
      (97...122).contains(byte) || (65...90).contains(byte) || (48...57).contains(byte) || byte == 45 || byte == 95
    }
    while index < count {
      guard let open = find("<", in: bytes, from: index) else { return }
      var end = open + 1
      while end < count, isName(bytes[end]) { end += 1 }
      let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<end]), as: UTF8.self).lowercased()
      if !name.isEmpty { body(name) }
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
        if valueStart >= 7, bytes[valueStart - 7] == UInt8(ascii: "c"), bytes[valueStart - 6] == UInt8(ascii: "l"),
          bytes[valueStart - 5] == UInt8(ascii: "a"), bytes[valueStart - 4] == UInt8(ascii: "s"),
          bytes[valueStart - 3] == UInt8(ascii: "s"), bytes[valueStart - 2] == UInt8(ascii: "=")
        {
          var wordStart = valueStart
          for position in valueStart...valueEnd
          where position == valueEnd || bytes[position] == 32 || bytes[position] == 9 || bytes[position] == 10 {
            if position > wordStart {
              body("." + String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<position]), as: UTF8.self))
            }
            wordStart = position + 1
          }
        }
        cursor = valueEnd + 1
      }
      if name == "style" || name == "script" {
        // The element's text is not markup.
        let closing =
          name == "style" ? find("</style", in: bytes, from: cursor) : find("</script", in: bytes, from: cursor)
        index = (closing ?? count) + 1
      } else {
        index = cursor + 1
      }
    }
  }
}
