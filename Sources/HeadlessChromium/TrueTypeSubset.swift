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
/// `head`'s bounds, `hhea`'s extremes and `OS/2`'s average width are those of the kept glyphs.
/// `maxp`'s maxima (points, contours, composite depth: sizes a rasterizer allocates for), `name`
/// and the hinting programs stay as they were.
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
    try keepExtremes(of: kept, outline: outline, metrics: newHmtx, in: &out)
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

  /// Sets the font-wide extremes Chromium's subset took from the run's glyphs to those of the
  /// kept glyphs (a tall accent of another letter would raise them all): `head`'s bounds,
  /// `hhea`'s widest advance, least bearings and greatest extent, `OS/2`'s average width.
  private static func keepExtremes(
    of kept: Set<Int>, outline: (Int) throws -> ArraySlice<UInt8>, metrics: [UInt8], in tables: inout [String: [UInt8]]
  ) throws {
    var bounds: (xMin: Int, yMin: Int, xMax: Int, yMax: Int)?
    var widest = 0
    var least = (left: Int.max, right: Int.max)
    var extent = Int.min
    var widths = (sum: 0, count: 0)
    for glyph in kept.sorted() {
      let advance = Int(u16(metrics, 4 * glyph))
      let bearing = Int(i16(metrics[...], 4 * glyph + 2))
      if advance > 0 { widths = (widths.sum + advance, widths.count + 1) }
      widest = max(widest, advance)
      let shape = try outline(glyph)
      guard shape.count >= 10 else { continue }
      let box = (Int(i16(shape, 2)), Int(i16(shape, 4)), Int(i16(shape, 6)), Int(i16(shape, 8)))
      bounds =
        bounds.map { (min($0.xMin, box.0), min($0.yMin, box.1), max($0.xMax, box.2), max($0.yMax, box.3)) } ?? box
      least = (min(least.left, bearing), min(least.right, advance - bearing - (box.2 - box.0)))
      extent = max(extent, bearing + box.2 - box.0)
    }
    func word(_ value: Int) -> UInt16 { UInt16(bitPattern: Int16(clamping: value)) }
    if let bounds {
      for (offset, value) in [(36, bounds.xMin), (38, bounds.yMin), (40, bounds.xMax), (42, bounds.yMax)] {
        put16(&tables["head"]!, offset, word(value))
      }
      put16(&tables["hhea"]!, 12, word(least.left))
      put16(&tables["hhea"]!, 14, word(least.right))
      put16(&tables["hhea"]!, 16, word(extent))
    }
    put16(&tables["hhea"]!, 10, UInt16(clamping: widest))
    if tables["OS/2"]?.count ?? 0 >= 4 {
      put16(&tables["OS/2"]!, 2, word(widths.count == 0 ? 0 : widths.sum / widths.count))
    }
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
