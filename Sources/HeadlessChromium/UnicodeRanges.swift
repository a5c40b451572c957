/// The Unicode range bits of a font's `OS/2` table (`ulUnicodeRange1`-`4`), kept only where a
/// kept character shows them true.
///
/// Chromium's subset sets the bits of the ranges the whole run used, so a letter's font would
/// say that another letter of its run had, say, a Latin Extended-A character. A bit stays when
/// a kept character lies in one of its ranges; every other bit is cleared, those of ranges this
/// table does not list included. A PDF viewer draws glyphs by id and never reads the bits (they
/// serve an operating system choosing a font), so clearing one changes no pixel.
enum UnicodeRanges {
  /// The ranges of each bit this table knows (Latin, Greek, Cyrillic, the common symbols).
  static let bits: [(bit: Int, ranges: [ClosedRange<UInt32>])] = [
    (0, [0x0000...0x007F]), (1, [0x0080...0x00FF]), (2, [0x0100...0x017F]), (3, [0x0180...0x024F]),
    (4, [0x0250...0x02AF, 0x1D00...0x1DBF]), (5, [0x02B0...0x02FF, 0xA700...0xA71F]),
    (6, [0x0300...0x036F, 0x1DC0...0x1DFF]), (7, [0x0370...0x03FF]),
    (9, [0x0400...0x052F, 0x2DE0...0x2DFF, 0xA640...0xA69F]), (10, [0x0530...0x058F]), (11, [0x0590...0x05FF]),
    (13, [0x0600...0x06FF]), (29, [0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF]), (30, [0x1F00...0x1FFF]),
    (31, [0x2000...0x206F, 0x2E00...0x2E7F]), (32, [0x2070...0x209F]), (33, [0x20A0...0x20CF]),
    (34, [0x20D0...0x20FF]), (35, [0x2100...0x214F]), (36, [0x2150...0x218F]),
    (37, [0x2190...0x21FF, 0x27F0...0x27FF, 0x2900...0x297F, 0x2B00...0x2BFF]),
    (38, [0x2200...0x22FF, 0x2A00...0x2AFF, 0x27C0...0x27EF, 0x2980...0x29FF]), (39, [0x2300...0x23FF]),
    (40, [0x2400...0x243F]), (41, [0x2440...0x245F]), (42, [0x2460...0x24FF]), (43, [0x2500...0x257F]),
    (44, [0x2580...0x259F]), (45, [0x25A0...0x25FF]), (46, [0x2600...0x26FF]), (47, [0x2700...0x27BF]),
    (57, [0x1_0000...0x10_FFFF]), (60, [0xE000...0xF8FF]), (61, [0xF900...0xFAFF]), (62, [0xFB00...0xFB4F]),
    (63, [0xFB50...0xFDFF]), (69, [0xFFF0...0xFFFF]),
  ]

  /// Clears in `os2` (an `OS/2` table of at least 58 bytes) every range bit no character of
  /// `characters` shows true.
  static func keep(in os2: inout [UInt8], characters: [UInt32]) {
    var shown = [UInt8](repeating: 0, count: 16)
    for (bit, ranges) in bits where characters.contains(where: { code in ranges.contains { $0.contains(code) } }) {
      // Bit n is bit n % 32 of the big-endian word n / 32, from offset 42.
      shown[(bit / 32) * 4 + 3 - (bit % 32) / 8] |= UInt8(1) << (bit % 8)
    }
    for index in 0..<16 { os2[42 + index] &= shown[index] }
  }
}
