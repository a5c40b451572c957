import Foundation

/// A TrueType font cut down to the glyphs one document draws, glyph ids kept.
///
/// Chromium embeds one subset of each font per print run, shared by every document of the run:
/// the font of one letter would carry the outlines, character map and metrics of the glyphs of
/// all the others. This keeps each kept glyph's bytes, its metrics and its characters exactly
/// as they were, so that the document renders to the same pixels, and empties everything else:
///
/// - `glyf`/`loca`: a glyph not kept (nor a component of a kept composite) has no outline;
///   `maxp`'s glyph count ends at the last kept glyph;
/// - `hmtx`: the metrics of a glyph not kept are zero (Chromium's subset leaves only the run's
///   glyphs non-zero, which would name them);
/// - `cmap`: only the characters of kept glyphs; `OS/2`'s first and last character and its
///   Unicode ranges follow them (a range bit stays only for a range a kept character is in);
/// - `post` loses its glyph names (format 3), and the tables a PDF viewer never reads and that
///   list glyphs (`GDEF`, `GPOS`, `GSUB`, `kern`, `hdmx`, ...) are left out: only the tables of
///   `keptTables` are written.
///
/// The font-wide tables (`head`, `hhea`, `maxp`'s maxima, `name`, the hinting programs) stay as
/// they were: they tell the font's own bounds, not which glyphs a document drew.
enum TrueTypeSubset {
  /// Why a font could not be cut (it is then not written: the caller fails the cut).
  struct Malformed: Error, CustomStringConvertible {
    var description: String
  }

  /// The tables a subset keeps: what renders a glyph and what names the font.
  static let keptTables: Set<String> = [
    "head", "hhea", "maxp", "OS/2", "name", "cvt ", "fpgm", "prep", "gasp", "loca", "glyf", "hmtx", "post", "cmap",
  ]

  /// `font` with only `glyphs` (glyph ids; .notdef and the components of kept composites are
  /// always kept) drawn; every kept glyph keeps its id.
  static func subset(_ font: [UInt8], keeping glyphs: Set<UInt16>) throws -> [UInt8] {
    let tables = try directory(font)
    guard let head = tables["head"], head.count >= 54, let maxp = tables["maxp"], maxp.count >= 6,
      let hhea = tables["hhea"], hhea.count >= 36, let hmtx = tables["hmtx"], let loca = tables["loca"],
      let glyf = tables["glyf"]
    else { throw Malformed(description: "not a TrueType font with glyf outlines") }
    let glyphCount = Int(u16(maxp, 4))
    let longLoca = i16(head, 50) != 0
    guard loca.count >= (glyphCount + 1) * (longLoca ? 4 : 2) else { throw Malformed(description: "loca too short") }
    func location(_ glyph: Int) -> Int { longLoca ? Int(u32(loca, glyph * 4)) : Int(u16(loca, glyph * 2)) * 2 }
    func outline(_ glyph: Int) throws -> ArraySlice<UInt8> {
      let start = location(glyph)
      let end = location(glyph + 1)
      guard start <= end, end <= glyf.count else { throw Malformed(description: "glyph \(glyph) outside glyf") }
      return glyf[glyf.startIndex + start..<glyf.startIndex + end]
    }

    // The kept glyphs and, for composites, their components (to any depth).
    var kept: Set<Int> = []
    var queue = [0] + glyphs.map(Int.init).filter { $0 < glyphCount }
    while let glyph = queue.popLast() {
      guard kept.insert(glyph).inserted else { continue }
      for component in try components(of: outline(glyph)) where component < glyphCount && !kept.contains(component) {
        queue.append(component)
      }
    }
    let count = (kept.max() ?? 0) + 1

    var newGlyf: [UInt8] = []
    var newLoca: [UInt8] = []
    newGlyf.reserveCapacity(glyf.count)
    for glyph in 0..<count {
      append32(&newLoca, UInt32(newGlyf.count))
      guard kept.contains(glyph) else { continue }
      newGlyf += try outline(glyph)
      while newGlyf.count % 4 != 0 { newGlyf.append(0) }
    }
    append32(&newLoca, UInt32(newGlyf.count))

    let metricsCount = Int(u16(hhea, 34))
    guard metricsCount > 0, hmtx.count >= metricsCount * 4 + (glyphCount - metricsCount) * 2 else {
      throw Malformed(description: "hmtx too short")
    }
    var newHmtx: [UInt8] = []
    newHmtx.reserveCapacity(count * 4)
    for glyph in 0..<count {
      guard kept.contains(glyph) else {
        newHmtx += [0, 0, 0, 0]
        continue
      }
      let advance = u16(hmtx, 4 * min(glyph, metricsCount - 1))
      let bearing =
        glyph < metricsCount ? u16(hmtx, 4 * glyph + 2) : u16(hmtx, 4 * metricsCount + 2 * (glyph - metricsCount))
      append16(&newHmtx, advance)
      append16(&newHmtx, bearing)
    }

    var out: [String: [UInt8]] = [:]
    for (tag, bytes) in tables where keptTables.contains(tag) { out[tag] = Array(bytes) }
    out["glyf"] = newGlyf
    out["loca"] = newLoca
    out["hmtx"] = newHmtx
    put16(&out["head"]!, 50, 1)
    put32(&out["head"]!, 8, 0)
    put16(&out["maxp"]!, 4, UInt16(count))
    put16(&out["hhea"]!, 34, UInt16(count))
    var characters: [(UInt32, UInt16)] = []
    if let cmap = tables["cmap"] {
      characters = mappings(cmap).filter { kept.contains(Int($0.1)) && $0.1 != 0 }
      out["cmap"] = Self.cmap(characters)
    }
    if var os2 = out["OS/2"], os2.count >= 68 {
      let bmp = characters.map(\.0).filter { $0 <= 0xFFFF }
      put16(&os2, 64, UInt16(bmp.min() ?? 0xFFFF))
      put16(&os2, 66, UInt16(bmp.max() ?? 0))
      UnicodeRanges.keep(in: &os2, characters: characters.map(\.0))
      out["OS/2"] = os2
    }
    if let post = out["post"], post.count >= 32, u32(post, 0) != 0x0003_0000 {
      var header = Array(post[0..<32])
      put32(&header, 0, 0x0003_0000)
      out["post"] = header
    }
    return assemble(out, version: u32(font, 0))
  }

  /// The tables of `font` by tag.
  static func directory(_ font: [UInt8]) throws -> [String: ArraySlice<UInt8>] {
    guard font.count >= 12 else { throw Malformed(description: "too short for a font") }
    let count = Int(u16(font, 4))
    guard font.count >= 12 + 16 * count else { throw Malformed(description: "table directory cut short") }
    var tables: [String: ArraySlice<UInt8>] = [:]
    for index in 0..<count {
      let record = 12 + 16 * index
      let tag = String(decoding: font[record..<record + 4], as: UTF8.self)
      let offset = Int(u32(font, record + 8))
      let length = Int(u32(font, record + 12))
      guard offset <= font.count, length <= font.count - offset else {
        throw Malformed(description: "table \(tag) outside the font")
      }
      tables[tag] = font[offset..<offset + length]
    }
    return tables
  }

  /// The glyph ids a composite glyph is made of (none for a simple or empty glyph).
  static func components(of glyph: ArraySlice<UInt8>) throws -> [Int] {
    guard glyph.count >= 10, i16(glyph, 0) < 0 else { return [] }
    var result: [Int] = []
    var offset = 10
    while true {
      guard offset + 4 <= glyph.count else { throw Malformed(description: "composite glyph cut short") }
      let flags = u16(glyph, offset)
      result.append(Int(u16(glyph, offset + 2)))
      offset += 4 + (flags & 0x1 != 0 ? 4 : 2)
      if flags & 0x8 != 0 {
        offset += 2
      } else if flags & 0x40 != 0 {
        offset += 4
      } else if flags & 0x80 != 0 {
        offset += 8
      }
      if flags & 0x20 == 0 { return result }
    }
  }

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

  /// The font file of `tables`, sorted by tag, each checksummed, and the whole font's checksum
  /// in `head`.
  static func assemble(_ tables: [String: [UInt8]], version: UInt32) -> [UInt8] {
    let tags = tables.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    var power = 1
    var log = 0
    while power * 2 <= tags.count {
      power *= 2
      log += 1
    }
    var font: [UInt8] = []
    append32(&font, version)
    append16(&font, UInt16(tags.count))
    append16(&font, UInt16(16 * power))
    append16(&font, UInt16(log))
    append16(&font, UInt16(16 * tags.count - 16 * power))
    var offset = 12 + 16 * tags.count
    var headOffset = 0
    for tag in tags {
      let bytes = tables[tag]!
      font += Array(tag.utf8)
      append32(&font, checksum(bytes[...]))
      append32(&font, UInt32(offset))
      append32(&font, UInt32(bytes.count))
      if tag == "head" { headOffset = offset }
      offset += (bytes.count + 3) & ~3
    }
    for tag in tags {
      font += tables[tag]!
      while font.count % 4 != 0 { font.append(0) }
    }
    if tables["head"] != nil {
      put32(&font, headOffset + 8, 0xB1B0_AFBA &- checksum(font[...]))
    }
    return font
  }

  /// The sum of the big-endian 32-bit words of `bytes` (zero-padded), as TrueType sums tables.
  static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var sum: UInt32 = 0
    var index = bytes.startIndex
    while index < bytes.endIndex {
      var word: UInt32 = 0
      for step in 0..<4 {
        word <<= 8
        if index + step < bytes.endIndex { word |= UInt32(bytes[index + step]) }
      }
      sum &+= word
      index += 4
    }
    return sum
  }
}

// Big-endian reads and writes at offsets relative to a slice's start.
private func u16(_ bytes: ArraySlice<UInt8>, _ at: Int) -> UInt16 {
  let base = bytes.startIndex + at
  guard at >= 0, base + 2 <= bytes.endIndex else { return 0 }
  return UInt16(bytes[base]) << 8 | UInt16(bytes[base + 1])
}

private func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { u16(bytes[...], at) }

private func i16(_ bytes: ArraySlice<UInt8>, _ at: Int) -> Int16 { Int16(bitPattern: u16(bytes, at)) }

private func u32(_ bytes: ArraySlice<UInt8>, _ at: Int) -> UInt32 {
  UInt32(u16(bytes, at)) << 16 | UInt32(u16(bytes, at + 2))
}

private func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 { u32(bytes[...], at) }

private func append16(_ bytes: inout [UInt8], _ value: UInt16) {
  bytes.append(UInt8(value >> 8))
  bytes.append(UInt8(value & 0xFF))
}

private func append32(_ bytes: inout [UInt8], _ value: UInt32) {
  append16(&bytes, UInt16(value >> 16))
  append16(&bytes, UInt16(value & 0xFFFF))
}

private func put16(_ bytes: inout [UInt8], _ at: Int, _ value: UInt16) {
  bytes[at] = UInt8(value >> 8)
  bytes[at + 1] = UInt8(value & 0xFF)
}

private func put32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
  put16(&bytes, at, UInt16(value >> 16))
  put16(&bytes, at + 2, UInt16(value & 0xFFFF))
}
