import CQPDF
import Foundation

/// The fonts of a print run, cut for each document to what its own pages show.
///
/// Chromium embeds one subset of each font per print (Type0, a CIDFontType2 with `Identity-H`
/// codes that are glyph ids), shared by all the documents of the run. Before each cut is
/// written, every font its pages reach (through their resources and the form XObjects they
/// draw) is rewritten in place from the run's original: the widths (`/W`) and the ToUnicode
/// CMap list only the codes the document shows, and the font program (`/FontFile2`) keeps
/// only their glyphs (`TrueTypeSubset`). The run's objects are shared by the cuts, which are
/// written one after another, so each cut sets every font it reaches before it is written.
///
/// A Type0 font with another encoding than `Identity-H` is left as printed, and so is the
/// outline program of a CIDFontType0 (CFF) font or of one whose `/CIDToGIDMap` is not the
/// identity (its widths and ToUnicode are still cut); Chromium writes neither for a TrueType
/// font, which is what the templates use.
final class RunFonts {
  /// A font of the run and its original parts.
  private struct Font {
    var descendant: qpdf_oh
    /// `/W` of the descendant font, width by code.
    var widths: [(code: UInt16, width: qpdf_oh)]
    var toUnicode: (stream: qpdf_oh, map: ToUnicodeMap)?
    var program: (stream: qpdf_oh, bytes: [UInt8])?
  }

  private let data: qpdf_data
  private var fonts: [Int32: Font] = [:]
  private var notCut: Set<Int32> = []

  init(_ data: qpdf_data) { self.data = data }

  /// Sets every font `pages` reach to the glyphs those pages show.
  func cut(to pages: ArraySlice<qpdf_oh>) throws {
    var used: [Int32: Set<UInt16>] = [:]
    for page in pages {
      let resources = key("/Resources", of: page)
      try content(of: page).withUnsafeBufferPointer { content in
        try walk(content, resources: resources, font: nil, used: &used, depth: 0)
      }
    }
    // Fonts that share a part (a descendant font, a CMap, a program: Chromium's never do) are
    // cut to the codes of them all, so that no font loses what it shows.
    var byPart: [Int32: Set<UInt16>] = [:]
    for (id, codes) in used {
      for part in fonts[id].map(parts) ?? [] { byPart[part, default: []].formUnion(codes) }
    }
    for id in used.keys.sorted() {
      guard let font = fonts[id] else { continue }
      let codes = parts(of: font).reduce(into: used[id] ?? []) { $0.formUnion(byPart[$1] ?? []) }
      try apply(font, codes: codes, id: id)
    }
  }

  /// Notes the glyphs `content` shows, by font, and walks the forms it draws.
  private func walk(
    _ content: UnsafeBufferPointer<UInt8>, resources: qpdf_oh, font: Int32?, used: inout [Int32: Set<UInt16>],
    depth: Int
  ) throws {
    let fontResources = key("/Font", of: resources)
    for name in keys(of: fontResources) {
      let id = try register(qpdf_oh_get_key(data, fontResources, name))
      if let id, used[id] == nil { used[id] = [] }
    }
    var current = font
    var saved: [Int32?] = []
    var failure: Error?
    ContentScanner.scan(content) { event in
      switch event {
      case .save: saved.append(current)
      case .restore: current = saved.popLast() ?? current
      case .font(let name):
        let object = key("/" + name, of: fontResources)
        let id = qpdf_oh_get_object_id(data, object)
        current = fonts[id] != nil ? id : nil
      case .show(let bytes):
        guard let id = current else { return }
        var index = 0
        while index + 1 < bytes.count {
          used[id, default: []].insert(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
          index += 2
        }
      case .draw(let name):
        let form = key("/" + name, of: key("/XObject", of: resources))
        guard failure == nil, depth < 12, qpdf_oh_is_stream(data, form) != 0 else { return }
        let dictionary = qpdf_oh_get_dict(data, form)
        guard qpdf_oh_is_name_and_equals(data, key("/Subtype", of: dictionary), "/Form") != 0 else { return }
        var own = key("/Resources", of: dictionary)
        if qpdf_oh_is_dictionary(data, own) == 0 { own = resources }
        do {
          try streamData(form).withUnsafeBufferPointer { inner in
            try walk(inner, resources: own, font: current, used: &used, depth: depth + 1)
          }
        } catch {
          failure = error
        }
      }
    }
    if let failure { throw failure }
  }

  /// Reads a font of the run once: its object id when it is a Type0 font with `Identity-H`
  /// codes (those this cuts), else nil.
  private func register(_ font: qpdf_oh) throws -> Int32? {
    let id = qpdf_oh_get_object_id(data, font)
    if fonts[id] != nil { return id }
    guard id != 0, !notCut.contains(id) else { return nil }
    let descendant = qpdf_oh_get_array_item(data, key("/DescendantFonts", of: font), 0)
    guard qpdf_oh_is_name_and_equals(data, key("/Subtype", of: font), "/Type0") != 0,
      qpdf_oh_is_name_and_equals(data, key("/Encoding", of: font), "/Identity-H") != 0,
      qpdf_oh_is_dictionary(data, descendant) != 0
    else {
      notCut.insert(id)
      return nil
    }
    var widths: [(UInt16, qpdf_oh)] = []
    let array = items(of: key("/W", of: descendant))
    var index = 0
    while index + 1 < array.count {
      let first = qpdf_oh_get_int_value(data, array[index])
      if qpdf_oh_is_array(data, array[index + 1]) != 0 {
        for (step, width) in items(of: array[index + 1]).enumerated() where (0...0xFFFF).contains(first + Int64(step)) {
          widths.append((UInt16(first + Int64(step)), width))
        }
        index += 2
      } else {
        guard index + 2 < array.count else { break }
        let last = qpdf_oh_get_int_value(data, array[index + 1])
        if first >= 0, last <= 0xFFFF, first <= last {
          for code in first...last { widths.append((UInt16(code), array[index + 2])) }
        }
        index += 3
      }
    }
    var entry = Font(descendant: descendant, widths: widths.sorted { $0.0 < $1.0 })
    let toUnicode = key("/ToUnicode", of: font)
    if qpdf_oh_is_stream(data, toUnicode) != 0 {
      entry.toUnicode = (toUnicode, ToUnicodeMap(try streamData(toUnicode)))
    }
    let program = key("/FontFile2", of: key("/FontDescriptor", of: descendant))
    let map = key("/CIDToGIDMap", of: descendant)
    if qpdf_oh_is_name_and_equals(data, key("/Subtype", of: descendant), "/CIDFontType2") != 0,
      qpdf_oh_is_null(data, map) != 0 || qpdf_oh_is_name_and_equals(data, map, "/Identity") != 0,
      qpdf_oh_is_stream(data, program) != 0
    {
      entry.program = (program, try streamData(program))
    }
    fonts[id] = entry
    return id
  }

  /// The objects `font` rewrites (those that are indirect: a direct one is its own).
  private func parts(of font: Font) -> [Int32] {
    [font.descendant, font.toUnicode?.stream, font.program?.stream].compactMap { part in
      part.map { qpdf_oh_get_object_id(data, $0) }
    }.filter { $0 != 0 }
  }

  /// Sets `font` to `codes`: its widths, its ToUnicode CMap and its program.
  private func apply(_ font: Font, codes: Set<UInt16>, id: Int32) throws {
    let widths = qpdf_oh_new_array(data)
    var run: qpdf_oh?
    var previous: UInt16?
    for (code, width) in font.widths where codes.contains(code) {
      if run == nil || previous.map({ $0 &+ 1 }) != code || previous == 0xFFFF {
        qpdf_oh_append_item(data, widths, qpdf_oh_new_integer(data, Int64(code)))
        run = qpdf_oh_new_array(data)
        qpdf_oh_append_item(data, widths, run!)
        // qpdf appends a copy of a direct array: the run is filled through the outer array.
        run = qpdf_oh_get_array_item(data, widths, qpdf_oh_get_array_n_items(data, widths) - 1)
      }
      qpdf_oh_append_item(data, run!, width)
      previous = code
    }
    qpdf_oh_replace_key(data, font.descendant, "/W", widths)
    if let toUnicode = font.toUnicode {
      replace(toUnicode.stream, with: toUnicode.map.cmap(for: codes))
    }
    if let program = font.program {
      let subset: [UInt8]
      do {
        subset = try TrueTypeSubset.subset(program.bytes, keeping: codes)
      } catch {
        throw ChromiumError.unreadablePDF("its font (object \(id)) could not be cut to the letter's glyphs: \(error)")
      }
      replace(program.stream, with: subset)
      qpdf_oh_replace_key(
        data, qpdf_oh_get_dict(data, program.stream), "/Length1", qpdf_oh_new_integer(data, Int64(subset.count)))
    }
    if qpdf_has_error(data) != 0 {
      throw ChromiumError.unreadablePDF("its font (object \(id)) could not be rewritten")
    }
  }

  /// Replaces a stream's data with `bytes`, compressed (`/FlateDecode`) at zlib's fastest level:
  /// the cut writes every document's fonts anew, and qpdf's own level costs about three times
  /// the time for 2 % fewer bytes.
  private func replace(_ stream: qpdf_oh, with bytes: [UInt8]) {
    var size = compressBound(uLong(bytes.count))
    var compressed = [UInt8](repeating: 0, count: Int(size))
    guard compress2(&compressed, &size, bytes, uLong(bytes.count), 1) == Z_OK else {
      // Left to qpdf, which compresses what is not compressed as it writes.
      bytes.withUnsafeBufferPointer {
        qpdf_oh_replace_stream_data(
          data, stream, $0.baseAddress, $0.count, qpdf_oh_new_null(data), qpdf_oh_new_null(data))
      }
      return
    }
    compressed.withUnsafeBufferPointer {
      qpdf_oh_replace_stream_data(
        data, stream, $0.baseAddress, Int(size), qpdf_oh_new_name(data, "/FlateDecode"), qpdf_oh_new_null(data))
    }
  }

  /// A page's content streams, decoded and joined.
  private func content(of page: qpdf_oh) throws -> [UInt8] {
    var buffer: UnsafeMutablePointer<UInt8>?
    var length = 0
    guard qpdf_oh_get_page_content_data(data, page, &buffer, &length) & QPDF_ERRORS == 0 else {
      free(buffer)
      throw ChromiumError.unreadablePDF("a page's content could not be read")
    }
    defer { free(buffer) }
    return buffer.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
  }

  /// A stream's data, decoded.
  private func streamData(_ stream: qpdf_oh) throws -> [UInt8] {
    var buffer: UnsafeMutablePointer<UInt8>?
    var length = 0
    var filtered: QPDF_BOOL = QPDF_FALSE
    let code = qpdf_oh_get_stream_data(data, stream, qpdf_dl_generalized, &filtered, &buffer, &length)
    defer { free(buffer) }
    guard code & QPDF_ERRORS == 0, filtered != QPDF_FALSE else {
      throw ChromiumError.unreadablePDF("a stream (object \(qpdf_oh_get_object_id(data, stream))) could not be decoded")
    }
    return buffer.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
  }

  private func key(_ name: String, of object: qpdf_oh) -> qpdf_oh {
    qpdf_oh_is_dictionary(data, object) != 0 ? qpdf_oh_get_key(data, object, name) : qpdf_oh_new_null(data)
  }

  private func keys(of dictionary: qpdf_oh) -> [String] {
    guard qpdf_oh_is_dictionary(data, dictionary) != 0 else { return [] }
    var names: [String] = []
    qpdf_oh_begin_dict_key_iter(data, dictionary)
    while qpdf_oh_dict_more_keys(data) != 0 { names.append(String(cString: qpdf_oh_dict_next_key(data))) }
    return names
  }

  private func items(of array: qpdf_oh) -> [qpdf_oh] {
    guard qpdf_oh_is_array(data, array) != 0 else { return [] }
    return (0..<qpdf_oh_get_array_n_items(data, array)).map { qpdf_oh_get_array_item(data, array, $0) }
  }
}
