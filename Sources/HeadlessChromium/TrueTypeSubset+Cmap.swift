/// Reading and writing a TrueType `cmap` table: the characters a subset keeps.
extension TrueTypeSubset {
  /// The (character, glyph) pairs of a `cmap` table's Unicode subtables (formats 4 and 12).
  static func mappings(_ cmap: ArraySlice<UInt8>) -> [(UInt32, UInt16)] {
    guard cmap.count >= 4 else { return [] }
    var pairs: [UInt32: UInt16] = [:]
    for index in 0..<Int(u16(cmap, 2)) {
      let record = 4 + 8 * index
      guard record + 8 <= cmap.count else { break }
      let platform = u16(cmap, record)
      let encoding = u16(cmap, record + 2)
      guard platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10)) else { continue }
      let offset = Int(u32(cmap, record + 4))
      guard offset + 4 <= cmap.count else { continue }
      let table = cmap[(cmap.startIndex + offset)...]
      switch u16(table, 0) {
      case 4: format4(table, into: &pairs)
      case 12: format12(table, into: &pairs)
      default: continue
      }
    }
    return pairs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  private static func format4(_ table: ArraySlice<UInt8>, into pairs: inout [UInt32: UInt16]) {
    guard table.count >= 14 else { return }
    let segments = Int(u16(table, 6)) / 2
    let ends = 14
    let starts = ends + 2 * segments + 2
    let deltas = starts + 2 * segments
    let ranges = deltas + 2 * segments
    guard ranges + 2 * segments <= table.count else { return }
    for segment in 0..<segments {
      let end = u16(table, ends + 2 * segment)
      let start = u16(table, starts + 2 * segment)
      let delta = u16(table, deltas + 2 * segment)
      let rangeOffset = Int(u16(table, ranges + 2 * segment))
      guard start <= end, start != 0xFFFF else { continue }
      for code in Int(start)...Int(end) {
        var glyph: UInt16
        if rangeOffset == 0 {
          glyph = UInt16(truncatingIfNeeded: code + Int(delta))
        } else {
          let at = ranges + 2 * segment + rangeOffset + 2 * (code - Int(start))
          guard at + 2 <= table.count else { continue }
          glyph = u16(table, at)
          if glyph != 0 { glyph = UInt16(truncatingIfNeeded: Int(glyph) + Int(delta)) }
        }
        if glyph != 0 { pairs[UInt32(code)] = glyph }
      }
    }
  }

  private static func format12(_ table: ArraySlice<UInt8>, into pairs: inout [UInt32: UInt16]) {
    guard table.count >= 16 else { return }
    let groups = Int(u32(table, 12))
    guard groups <= (table.count - 16) / 12 else { return }
    for group in 0..<groups {
      let at = 16 + 12 * group
      let start = u32(table, at)
      let end = u32(table, at + 4)
      let glyph = u32(table, at + 8)
      guard start <= end, end - start < 0x11_0000 else { continue }
      for code in start...end where glyph + (code - start) <= 0xFFFF {
        pairs[code] = UInt16(glyph + (code - start))
      }
    }
  }

  /// A `cmap` of `pairs` (sorted by character): format 4 for the Basic Multilingual Plane, and
  /// format 12 as well when a character lies beyond it.
  static func cmap(_ pairs: [(UInt32, UInt16)]) -> [UInt8] {
    let bmp = pairs.filter { $0.0 < 0xFFFF }
    // A segment for each run of characters whose glyphs follow each other, and the closing one.
    var runs: [(start: UInt32, end: UInt32, delta: UInt16)] = []
    for (code, glyph) in bmp {
      let delta = UInt16(truncatingIfNeeded: Int(glyph) - Int(code))
      if let last = runs.last, last.end + 1 == code, last.delta == delta {
        runs[runs.count - 1].end = code
      } else {
        runs.append((code, code, delta))
      }
    }
    let segments = runs.count + 1
    var format4: [UInt8] = []
    append16(&format4, 4)
    append16(&format4, UInt16(16 + 8 * segments))
    append16(&format4, 0)
    append16(&format4, UInt16(2 * segments))
    var power = 1
    var log = 0
    while power * 2 <= segments {
      power *= 2
      log += 1
    }
    append16(&format4, UInt16(2 * power))
    append16(&format4, UInt16(log))
    append16(&format4, UInt16(2 * segments - 2 * power))
    for run in runs { append16(&format4, UInt16(run.end)) }
    append16(&format4, 0xFFFF)
    append16(&format4, 0)
    for run in runs { append16(&format4, UInt16(run.start)) }
    append16(&format4, 0xFFFF)
    for run in runs { append16(&format4, run.delta) }
    append16(&format4, 1)
    for _ in 0..<segments { append16(&format4, 0) }
    let wide = pairs.count > bmp.count
    var table: [UInt8] = []
    append16(&table, 0)
    append16(&table, wide ? 2 : 1)
    append16(&table, 3)
    append16(&table, 1)
    append32(&table, UInt32(wide ? 20 : 12))
    if wide {
      append16(&table, 3)
      append16(&table, 10)
      append32(&table, UInt32(20 + format4.count))
    }
    table += format4
    if wide {
      append16(&table, 12)
      append16(&table, 0)
      append32(&table, UInt32(16 + 12 * pairs.count))
      append32(&table, 0)
      append32(&table, UInt32(pairs.count))
      for (code, glyph) in pairs {
        append32(&table, code)
        append32(&table, code)
        append32(&table, UInt32(glyph))
      }
    }
    return table
  }
}
