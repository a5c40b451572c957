extension CPRNumber {
  /// `text` with whatever looks like a CPR number masked as `DDMMYY-XXXX` would be: in every
  /// word (a run of letters, digits and hyphens) of at most 14 characters that holds eight or
  /// more digits, the digits after its first six characters become `X`. A mistyped number
  /// (`0102O3-1234`, eleven digits) is as confidential as a valid one, so this does not parse:
  /// it masks by shape. Dates (`2026-11-30`, `2026-11-30T00`) are left as they are.
  public static func maskingLookalikes(in text: String) -> String {
    var out = ""
    var word: [Character] = []
    func flush() {
      defer { word.removeAll(keepingCapacity: true) }
      let digits = word.filter(\.isASCIIDigit).count
      guard digits >= 8, word.count <= 14, !startsWithDate(word) else { return out.append(contentsOf: word) }
      for (offset, character) in word.enumerated() {
        out.append(offset >= 6 && character.isASCIIDigit ? "X" : character)
      }
    }
    for character in text {
      if character.isASCII && (character.isLetter || character.isNumber || character == "-") {
        word.append(character)
      } else {
        flush()
        out.append(character)
      }
    }
    flush()
    return out
  }

  private static func startsWithDate(_ word: [Character]) -> Bool {
    guard word.count >= 10 else { return false }
    return (0..<10).allSatisfy { [4, 7].contains($0) ? word[$0] == "-" : word[$0].isASCIIDigit }
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
