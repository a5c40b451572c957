import CQPDF
import Foundation

/// What a cut PDF says of itself: the title and language its document declared, and the date
/// written as its creation and modification date (the clock never is).
struct PDFMetadata {
  var title: String
  var language: String
  var date: String
}

/// Cuts the PDF of a print run into one PDF per document, with qpdf.
///
/// Each document's pages start at the named destination of its anchor. The run is read once;
/// for each document the catalog is pointed at its pages only, its own branch of the structure
/// tree and the parent-tree entries of its pages, and written: qpdf writes what the catalog
/// reaches, so nothing of another document (pages, text, destinations) is in a cut, and the
/// cut stays tagged. The fonts, which Chromium shares among the documents of a run, are cut to
/// the glyphs of the document's own pages (`RunFonts`). qpdf writes a deterministic /ID and the information dictionary is
/// rewritten, so that the same run gives the same bytes.
enum PDFCutter {
  /// One PDF per entry of `documents`; `anchors[i]` names the destination of document i.
  static func cut(_ pdf: Data, anchors: [String]?, documents: [PDFMetadata]) throws -> [Data] {
    try cutCounting(pdf, anchors: anchors, documents: documents).map(\.pdf)
  }

  /// `cut`, with each PDF's page count. `subsettingFonts` false leaves the run's fonts whole
  /// in every cut, as they were before cuts were subset (for the tests that compare the two).
  static func cutCounting(
    _ pdf: Data, anchors: [String]?, documents: [PDFMetadata], subsettingFonts: Bool = true
  ) throws -> [PrintedPDF] {
    try pdf.withUnsafeBytes { raw in
      let run = try QPDFHandle(raw.bindMemory(to: CChar.self))
      // A print of one document: Chromium's subsets are its own already.
      run.subsettingFonts = subsettingFonts && documents.count > 1
      let pageCount = run.pageCount
      var starts = [0]
      if let anchors, anchors.count > 1 {
        starts = try run.startPages(of: anchors)
      }
      guard starts.count == documents.count else {
        throw ChromiumError.unreadablePDF("\(starts.count) documents found, \(documents.count) printed")
      }
      let plan = try run.plan()
      var cuts: [PrintedPDF] = []
      for (index, metadata) in documents.enumerated() {
        let end = index + 1 < starts.count ? starts[index + 1] : pageCount
        try run.select(pages: starts[index]..<end, of: plan, metadata: metadata)
        cuts.append(PrintedPDF(pdf: try run.write(), pages: end - starts[index]))
      }
      return cuts
    }
  }

  /// `D:YYYYMMDDHHmmSSZ` of `date` in UTC.
  static func pdfDate(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    let values = [parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!]
    return "D:" + String(format: "%04d", parts.year!) + values.map { String(format: "%02d", $0) }.joined() + "Z"
  }
}

/// A PDF the pool printed, and how many pages it has.
public struct PrintedPDF: Sendable {
  /// The PDF.
  public var pdf: Data
  /// Its pages.
  public var pages: Int
}

/// Reading a PDF's page count, for those who pay or post by the page.
public enum PDFPages {
  /// The number of pages of `pdf`.
  public static func count(_ pdf: Data) throws -> Int {
    try pdf.withUnsafeBytes { try QPDFHandle($0.bindMemory(to: CChar.self)).pageCount }
  }
}

/// One qpdf document read from memory that stays alive (and unmoved) for the handle's life.
private final class QPDFHandle {
  private var data: qpdf_data?
  /// The run's fonts, cut to each document's glyphs as it is selected.
  private lazy var fonts = RunFonts(data!)
  /// Whether `select` cuts the fonts (always, but for the tests that compare).
  var subsettingFonts = true

  init(_ bytes: UnsafeBufferPointer<CChar>) throws {
    data = qpdf_init()
    qpdf_silence_errors(data)
    qpdf_set_suppress_warnings(data, QPDF_TRUE)
    if qpdf_read_memory(data, "printed run", bytes.baseAddress, UInt64(bytes.count), nil) & QPDF_ERRORS != 0 {
      throw ChromiumError.unreadablePDF(lastError())
    }
  }

  deinit { qpdf_cleanup(&data) }

  var pageCount: Int { Int(qpdf_get_num_pages(data)) }

  /// The page index of each anchor's named destination, in the order of `anchors`.
  func startPages(of anchors: [String]) throws -> [Int] {
    var indexOfPage: [Int32: Int] = [:]
    for index in 0..<pageCount {
      indexOfPage[qpdf_oh_get_object_id(data, qpdf_get_page_n(data, Int(index)))] = index
    }
    let destinations = key("/Dests", of: qpdf_get_root(data))
    return try anchors.map { anchor in
      let destination = key("/" + anchor, of: destinations)
      let page = qpdf_oh_is_array(data, destination) != 0 ? qpdf_oh_get_array_item(data, destination, 0) : 0
      guard page != 0, let index = indexOfPage[qpdf_oh_get_object_id(data, page)] else {
        throw ChromiumError.unreadablePDF("no page for the destination \(anchor)")
      }
      return index
    }
  }

  /// What every cut of the run shares: its pages, the top structure elements with the page
  /// each starts on, and the parent-tree entries.
  struct Plan {
    var pages: [qpdf_oh]
    var pageTree: qpdf_oh
    var structure: qpdf_oh
    /// The structure element whose kids are the documents' elements (the /Document element,
    /// else the structure tree root).
    var parent: qpdf_oh
    var language: Bool
    var elements: [(element: qpdf_oh, page: Int32?)]
    var parentEntries: [(number: Int64, value: qpdf_oh)]
    var producer: qpdf_oh
  }

  /// Reads what the cuts share, and takes from the catalog what would reach other documents.
  func plan() throws -> Plan {
    let root = qpdf_get_root(data)
    for name in ["/Dests", "/Names", "/Outlines", "/OpenAction", "/PageLabels", "/AcroForm"] {
      qpdf_oh_remove_key(data, root, name)
    }
    // Skia writes a balanced page tree; each cut gets a flat one of its own pages, which
    // then carry what they inherited from the nodes above them.
    qpdf_push_inherited_attributes_to_page(data)
    let pages = (0..<pageCount).map { qpdf_get_page_n(data, $0) }
    let pageTree = qpdf_oh_new_dictionary(data)
    qpdf_oh_replace_key(data, pageTree, "/Type", qpdf_oh_new_name(data, "/Pages"))
    let flatTree = qpdf_make_indirect_object(data, pageTree)
    qpdf_oh_replace_key(data, root, "/Pages", flatTree)
    let structure = key("/StructTreeRoot", of: root)
    var parent = structure
    var language = false
    let top = key("/K", of: structure)
    if qpdf_oh_is_dictionary(data, top) != 0 && qpdf_oh_is_name_and_equals(data, key("/S", of: top), "/Document") != 0 {
      parent = top
      language = true
    }
    var entries: [(Int64, qpdf_oh)] = []
    collectNumbers(key("/ParentTree", of: structure), into: &entries)
    qpdf_oh_remove_key(data, structure, "/IDTree")
    return Plan(
      pages: pages, pageTree: flatTree, structure: structure, parent: parent, language: language,
      elements: items(of: key("/K", of: parent)).map { ($0, firstPage(of: $0)) },
      parentEntries: entries.sorted { $0.0 < $1.0 },
      producer: key("/Producer", of: key("/Info", of: qpdf_get_trailer(data))))
  }

  /// Points the catalog at `pages` only, with their structure and `metadata`.
  func select(pages range: Range<Int>, of plan: Plan, metadata: PDFMetadata) throws {
    let root = qpdf_get_root(data)
    let kids = qpdf_oh_new_array(data)
    var kept = Set<Int32>()
    var parentKeys = Set<Int64>()
    for page in plan.pages[range] {
      qpdf_oh_append_item(data, kids, page)
      qpdf_oh_replace_key(data, page, "/Parent", plan.pageTree)
      kept.insert(qpdf_oh_get_object_id(data, page))
      parentKeys.formUnion(structParents(of: page))
    }
    qpdf_oh_replace_key(data, plan.pageTree, "/Kids", kids)
    qpdf_oh_replace_key(data, plan.pageTree, "/Count", qpdf_oh_new_integer(data, Int64(range.count)))
    qpdf_update_all_pages_cache(data)
    if subsettingFonts { try fonts.cut(to: plan.pages[range]) }
    if !metadata.language.isEmpty {
      let language = qpdf_oh_new_unicode_string(data, metadata.language)
      qpdf_oh_replace_key(data, root, "/Lang", language)
      if plan.language { qpdf_oh_replace_key(data, plan.parent, "/Lang", language) }
    }
    if qpdf_oh_is_dictionary(data, plan.structure) != 0 {
      let elements = qpdf_oh_new_array(data)
      for (element, page) in plan.elements where page.map(kept.contains) == true {
        qpdf_oh_append_item(data, elements, element)
      }
      qpdf_oh_replace_key(data, plan.parent, "/K", elements)
      let numbers = qpdf_oh_new_array(data)
      for (number, value) in plan.parentEntries where parentKeys.contains(number) {
        qpdf_oh_append_item(data, numbers, qpdf_oh_new_integer(data, number))
        qpdf_oh_append_item(data, numbers, value)
      }
      let parentTree = qpdf_oh_new_dictionary(data)
      qpdf_oh_replace_key(data, parentTree, "/Nums", numbers)
      qpdf_oh_replace_key(data, plan.structure, "/ParentTree", parentTree)
    }
    let info = qpdf_oh_new_dictionary(data)
    qpdf_oh_replace_key(data, info, "/Title", qpdf_oh_new_unicode_string(data, metadata.title))
    if qpdf_oh_is_string(data, plan.producer) != 0 { qpdf_oh_replace_key(data, info, "/Producer", plan.producer) }
    qpdf_oh_replace_key(data, info, "/CreationDate", qpdf_oh_new_string(data, metadata.date))
    qpdf_oh_replace_key(data, info, "/ModDate", qpdf_oh_new_string(data, metadata.date))
    qpdf_oh_replace_key(data, qpdf_get_trailer(data), "/Info", info)
    if qpdf_has_error(data) != 0 { throw ChromiumError.unreadablePDF(lastError()) }
  }

  func write() throws -> Data {
    guard qpdf_init_write_memory(data) & QPDF_ERRORS == 0 else { throw ChromiumError.unreadablePDF(lastError()) }
    qpdf_set_deterministic_ID(data, QPDF_TRUE)
    // Chromium's streams are compressed already: copied as they are, not inflated and
    // deflated again (qpdf's default), which would cost more than the print.
    qpdf_set_decode_level(data, qpdf_dl_none)
    qpdf_set_object_stream_mode(data, qpdf_o_generate)
    guard qpdf_write(data) & QPDF_ERRORS == 0 else { throw ChromiumError.unreadablePDF(lastError()) }
    let length = Int(qpdf_get_buffer_length(data))
    return Data(bytes: qpdf_get_buffer(data), count: length)
  }

  /// The page a structure element's content starts on: its own /Pg, else its first child's.
  private func firstPage(of element: qpdf_oh, depth: Int = 0) -> Int32? {
    guard depth < 64 else { return nil }
    if qpdf_oh_is_dictionary(data, element) != 0 {
      let page = key("/Pg", of: element)
      if qpdf_oh_is_dictionary(data, page) != 0 { return qpdf_oh_get_object_id(data, page) }
      for child in items(of: key("/K", of: element)) {
        if let found = firstPage(of: child, depth: depth + 1) { return found }
      }
    }
    return nil
  }

  private func structParents(of page: qpdf_oh) -> [Int64] {
    var keys: [Int64] = []
    let own = key("/StructParents", of: page)
    if qpdf_oh_is_integer(data, own) != 0 { keys.append(qpdf_oh_get_int_value(data, own)) }
    for annotation in items(of: key("/Annots", of: page)) {
      let parent = key("/StructParent", of: annotation)
      if qpdf_oh_is_integer(data, parent) != 0 { keys.append(qpdf_oh_get_int_value(data, parent)) }
    }
    return keys
  }

  /// The entries of a number tree, leaves and kids alike.
  private func collectNumbers(_ node: qpdf_oh, into pairs: inout [(Int64, qpdf_oh)], depth: Int = 0) {
    guard depth < 32, qpdf_oh_is_dictionary(data, node) != 0 else { return }
    let numbers = items(of: key("/Nums", of: node))
    var index = 0
    while index + 1 < numbers.count {
      pairs.append((qpdf_oh_get_int_value(data, numbers[index]), numbers[index + 1]))
      index += 2
    }
    for kid in items(of: key("/Kids", of: node)) { collectNumbers(kid, into: &pairs, depth: depth + 1) }
  }

  private func key(_ name: String, of object: qpdf_oh) -> qpdf_oh {
    qpdf_oh_is_dictionary(data, object) != 0 ? qpdf_oh_get_key(data, object, name) : qpdf_oh_new_null(data)
  }

  /// An array's items, or the object itself when it is not an array (PDF's single-kid form).
  private func items(of object: qpdf_oh) -> [qpdf_oh] {
    if qpdf_oh_is_array(data, object) != 0 {
      return (0..<qpdf_oh_get_array_n_items(data, object)).map { qpdf_oh_get_array_item(data, object, $0) }
    }
    return qpdf_oh_is_null(data, object) != 0 ? [] : [object]
  }

  private func filtered(_ objects: [qpdf_oh], _ include: (qpdf_oh) -> Bool) -> qpdf_oh {
    let array = qpdf_oh_new_array(data)
    for object in objects where include(object) { qpdf_oh_append_item(data, array, object) }
    return array
  }

  private func lastError() -> String {
    guard qpdf_has_error(data) != 0, let error = qpdf_get_error(data),
      let text = qpdf_get_error_full_text(data, error)
    else { return "qpdf could not read it" }
    return String(cString: text)
  }
}
