/// A font's ToUnicode CMap (ISO 32000-1 §9.10.3) for two-byte codes: which text each glyph code
/// stands for, read from the CMap Chromium writes and written again for the codes one document
/// shows.
struct ToUnicodeMap {
  /// The text (UTF-16BE bytes) of each code.
  var text: [UInt16: [UInt8]]

  /// Reads the `bfchar` and `bfrange` sections of `cmap` (a range's text given as one string,
  /// whose last byte counts up, or as an array of strings).
  init(_ cmap: [UInt8]) {
    var text: [UInt16: [UInt8]] = [:]
    var tokens = CMapTokens(cmap)
    var section = ""
    var pending: [CMapTokens.Token] = []
    while let token = tokens.next() {
      if case .word(let word) = token {
        if word.hasPrefix("begin") || word.hasPrefix("end") {
          section = word
          pending = []
        }
        continue
      }
      pending.append(token)
      if section == "beginbfchar", pending.count == 2 {
        if case .hex(let code) = pending[0], case .hex(let value) = pending[1], let code = Self.code(code) {
          text[code] = value
        }
        pending = []
      } else if section == "beginbfrange", pending.count == 3 {
        if case .hex(let low) = pending[0], case .hex(let high) = pending[1], let low = Self.code(low),
          let high = Self.code(high), low <= high
        {
          switch pending[2] {
          case .hex(let first) where !first.isEmpty:
            for (step, code) in (low...high).enumerated() {
              var value = first
              value[value.count - 1] = UInt8(truncatingIfNeeded: Int(first[first.count - 1]) + step)
              text[code] = value
            }
          case .array(let values):
            for (code, value) in zip(low...high, values) { text[code] = value }
          default: break
          }
        }
        pending = []
      }
    }
    self.text = text
  }

  private static func code(_ bytes: [UInt8]) -> UInt16? {
    bytes.count == 2 ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : nil
  }

  /// The CMap of the codes of `codes` that have text, in code order, as `bfchar` entries.
  func cmap(for codes: Set<UInt16>) -> [UInt8] {
    let kept = codes.sorted().compactMap { code in text[code].map { (code, $0) } }
    let out = """
      /CIDInit /ProcSet findresource begin
      12 dict begin
      begincmap
      /CIDSystemInfo
      <<  /Registry (Adobe)
      /Ordering (UCS)
      /Supplement 0
      >> def
      /CMapName /Adobe-Identity-UCS def
      /CMapType 2 def
      1 begincodespacerange
      <0000> <FFFF>
      endcodespacerange

      """
    var bytes = Array(out.utf8)
    bytes.reserveCapacity(bytes.count + kept.count * 16 + 120)
    var start = 0
    while start < kept.count {
      let block = kept[start..<min(start + 100, kept.count)]
      bytes += Array("\(block.count) beginbfchar\n".utf8)
      for (code, value) in block {
        bytes.append(0x3C)
        Self.appendHex([UInt8(code >> 8), UInt8(code & 0xFF)], to: &bytes)
        bytes += [0x3E, 0x20, 0x3C]
        Self.appendHex(value, to: &bytes)
        bytes += [0x3E, 0x0A]
      }
      bytes += Array("endbfchar\n".utf8)
      start += 100
    }
    bytes += Array("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n".utf8)
    return bytes
  }

  /// Appends `value` in upper-case hexadecimal digits (written byte by byte: the cut writes a
  /// CMap for every font of every letter).
  private static func appendHex(_ value: [UInt8], to bytes: inout [UInt8]) {
    for byte in value {
      let high = byte >> 4
      let low = byte & 0xF
      bytes.append(high < 10 ? 0x30 + high : 0x37 + high)
      bytes.append(low < 10 ? 0x30 + low : 0x37 + low)
    }
  }
}
