import CQPDF

#if canImport(Glibc)
  import Glibc
#endif

/// What a PDF from outside (an enclosure of a MeMo letter) must be to go to the print shop, and
/// the PDF written anew without what could run or hide in it.
///
/// Read with qpdf's C API under strict rules: no recovery of a damaged file and no warning
/// let pass; the page tree walked by hand (a missing `/Pages`, a node that is not a
/// dictionary, a kid that is a number or points at nothing, a loop are each named); at least
/// one page and at most `maxPages`; not encrypted (whatever its permissions: PostDesk never
/// decrypts, and the print shop takes plain PDFs); every page A4 (either way round, 1 mm
/// leeway); every font embedded; no form with fields (its values live in annotations that
/// are not page content). What is kept is written anew: the catalog's actions (`/OpenAction`,
/// `/AA`), its name trees (JavaScript, embedded files), outlines, forms and URI base go, pages
/// lose their `/AA`, and annotations are kept only when they are markup (a comment, a
/// stamp), without their actions. Every stream is decoded and compressed again, so one
/// that does not decode is found.
///
/// Holds no limit of time or memory itself: `postdesk-pdf-check` runs it in a process of
/// its own with both (a PDF is hostile input; qpdf inflates what it reads).
public enum PrintablePDF {
  /// What became of a PDF.
  public enum Verdict: Equatable, Sendable {
    /// Fit to print: the PDF written anew, and its pages.
    case printable(pdf: [UInt8], pages: Int)
    /// Not fit to print, and why (a sentence after the file's name: `has no pages`).
    case refused(String)
  }

  /// A4 in points, and the leeway of 1 mm.
  static let a4 = (width: 595.276, height: 841.89)
  static let leeway = 72.0 / 25.4

  /// Checks `pdf` and writes it anew, or says why it cannot be printed.
  public static func check(_ pdf: [UInt8], maxPages: Int) -> Verdict {
    pdf.withUnsafeBufferPointer { bytes in
      bytes.withMemoryRebound(to: CChar.self) { Checker(maxPages: maxPages).run($0) }
    }
  }
}

/// One check: a qpdf document and what the walk of its pages found.
private final class Checker {
  let maxPages: Int
  var data: qpdf_data? = qpdf_init()
  var pages: [qpdf_oh] = []
  var fontsSeen = Set<Int32>()
  var formsSeen = Set<Int32>()

  init(maxPages: Int) {
    self.maxPages = maxPages
    qpdf_silence_errors(data)
    qpdf_set_suppress_warnings(data, QPDF_TRUE)
    qpdf_set_attempt_recovery(data, QPDF_FALSE)
  }

  deinit { qpdf_cleanup(&data) }

  struct Refusal: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
  }

  func run(_ bytes: UnsafeBufferPointer<CChar>) -> PrintablePDF.Verdict {
    do {
      if qpdf_read_memory(data, "enclosure", bytes.baseAddress, UInt64(bytes.count), "") & QPDF_ERRORS != 0 {
        if let error = qpdf_get_error(data), qpdf_get_error_code(data, error) == qpdf_e_password {
          throw Refusal(
            "is encrypted with a password; the print shop prints unencrypted PDFs only: send it without one")
        }
        throw Refusal("cannot be read by qpdf (\(lastError()))")
      }
      try noWarnings()
      if qpdf_is_encrypted(data) != 0 {
        let printing = qpdf_allow_print_high_res(data) != 0 ? "" : ", and its permissions forbid printing"
        throw Refusal(
          "is encrypted\(printing); the print shop prints unencrypted PDFs only: send it without encryption")
      }
      try walkPages()
      try refuseForms()
      stripActiveContent()
      try noWarnings()
      let written = try write()
      return .printable(pdf: written, pages: pages.count)
    } catch let refusal as Refusal {
      return .refused(refusal.reason)
    } catch {
      return .refused("cannot be checked (\(error))")
    }
  }

  // MARK: - The page tree

  /// The attributes a page inherits from the nodes above it.
  struct Inherited {
    var mediaBox: qpdf_oh = 0
    var cropBox: qpdf_oh = 0
    var resources: qpdf_oh = 0
  }

  func walkPages() throws {
    let root = qpdf_get_root(data)
    guard qpdf_oh_is_dictionary(data, root) != 0 else {
      throw Refusal("has no catalog (its /Root is not a dictionary)")
    }
    guard qpdf_oh_has_key(data, root, "/Pages") != 0 else { throw Refusal("has no page tree (/Pages is missing)") }
    let tree = qpdf_oh_get_key(data, root, "/Pages")
    guard qpdf_oh_is_dictionary(data, tree) != 0 else {
      throw Refusal("has a broken page tree (/Pages is \(typeName(tree)), not a dictionary)")
    }
    var visiting = Set<Int32>()
    try walk(tree, Inherited(), depth: 0, visiting: &visiting)
    guard !pages.isEmpty else { throw Refusal("has no pages") }
  }

  func walk(_ node: qpdf_oh, _ above: Inherited, depth: Int, visiting: inout Set<Int32>) throws {
    guard depth < 64 else { throw Refusal("has a broken page tree (nested more than 64 deep)") }
    let id = qpdf_oh_get_object_id(data, node)
    if id != 0 {
      guard visiting.insert(id).inserted else {
        throw Refusal("has a broken page tree (a loop: object \(id) is its own ancestor or appears twice)")
      }
    }
    var inherited = above
    if qpdf_oh_has_key(data, node, "/MediaBox") != 0 { inherited.mediaBox = key("/MediaBox", of: node) }
    if qpdf_oh_has_key(data, node, "/CropBox") != 0 { inherited.cropBox = key("/CropBox", of: node) }
    if qpdf_oh_has_key(data, node, "/Resources") != 0 { inherited.resources = key("/Resources", of: node) }
    let type = key("/Type", of: node)
    if qpdf_oh_is_name_and_equals(data, type, "/Page") != 0 {
      pages.append(node)
      guard pages.count <= maxPages else {
        throw Refusal("has more than \(maxPages) pages; a letter may have at most \(maxPages) (--max-pages)")
      }
      try checkPage(node, inherited, number: pages.count)
      return
    }
    guard qpdf_oh_is_name_and_equals(data, type, "/Pages") != 0 else {
      throw Refusal("has a broken page tree (a node of type \(nameOrType(type)), neither /Pages nor /Page)")
    }
    let kids = key("/Kids", of: node)
    guard qpdf_oh_is_array(data, kids) != 0 else {
      throw Refusal("has a broken page tree (/Kids is \(typeName(kids)), not an array)")
    }
    for index in 0..<qpdf_oh_get_array_n_items(data, kids) {
      let kid = qpdf_oh_get_array_item(data, kids, index)
      guard qpdf_oh_is_dictionary(data, kid) != 0 else {
        let what = qpdf_oh_is_null(data, kid) != 0 ? "a kid that points at no object" : "a kid that is \(typeName(kid))"
        throw Refusal("has a broken page tree (\(what))")
      }
      try walk(kid, inherited, depth: depth + 1, visiting: &visiting)
    }
  }

  /// A page is A4 and every font it uses is embedded, and its content decodes.
  func checkPage(_ page: qpdf_oh, _ inherited: Inherited, number: Int) throws {
    let box = numbers(inherited.cropBox != 0 ? inherited.cropBox : inherited.mediaBox)
    guard box.count == 4 else { throw Refusal("has no page size on page \(number) (no /MediaBox of four numbers)") }
    let unit = numbers(key("/UserUnit", of: page)).first ?? 1
    let width = abs(box[2] - box[0]) * unit
    let height = abs(box[3] - box[1]) * unit
    let (short, long) = (min(width, height), max(width, height))
    if abs(short - PrintablePDF.a4.width) > PrintablePDF.leeway
      || abs(long - PrintablePDF.a4.height) > PrintablePDF.leeway
    {
      let mm = { (points: Double) in Int((points * 25.4 / 72).rounded()) }
      throw Refusal(
        "has a page of \(mm(width)) x \(mm(height)) mm (page \(number)); the print shop prints A4 (210 x 297 mm)")
    }
    try checkFonts(inherited.resources, page: number, depth: 0)
    // The content decoded once, whole: a stream that inflates beyond the memory budget ends
    // the check (the process running it is limited), one that does not decode is refused.
    var buffer: UnsafeMutablePointer<UInt8>?
    var length = 0
    if qpdf_oh_get_page_content_data(data, page, &buffer, &length) & QPDF_ERRORS != 0 {
      free(buffer)
      throw Refusal(
        "has page content that does not decode (page \(number): \(lastError())): a damaged stream, or one that "
          + "inflates beyond the memory the check allows")
    }
    free(buffer)
  }

  /// Every font of `resources` (and of the form XObjects it draws) is embedded.
  func checkFonts(_ resources: qpdf_oh, page: Int, depth: Int) throws {
    guard depth < 16, qpdf_oh_is_dictionary(data, resources) != 0 else { return }
    for font in values(of: key("/Font", of: resources)) {
      let id = qpdf_oh_get_object_id(data, font)
      if id != 0 && !fontsSeen.insert(id).inserted { continue }
      guard qpdf_oh_is_dictionary(data, font) != 0 else { continue }
      let subtype = key("/Subtype", of: font)
      // A Type 3 font's glyphs are drawings inside the PDF: nothing to embed.
      if qpdf_oh_is_name_and_equals(data, subtype, "/Type3") != 0 { continue }
      var described = font
      if qpdf_oh_is_name_and_equals(data, subtype, "/Type0") != 0 {
        let descendants = key("/DescendantFonts", of: font)
        described = qpdf_oh_is_array(data, descendants) != 0 ? qpdf_oh_get_array_item(data, descendants, 0) : 0
      }
      let descriptor = key("/FontDescriptor", of: described)
      let embedded = ["/FontFile", "/FontFile2", "/FontFile3"].contains {
        qpdf_oh_is_stream(data, key($0, of: descriptor)) != 0
      }
      if !embedded {
        let name = nameOrType(key("/BaseFont", of: font)).drop { $0 == "/" }
        throw Refusal(
          "uses the font \(name) without embedding it (page \(page)); the print shop needs every font embedded: "
            + "save the PDF with its fonts embedded (PDF/A does)")
      }
    }
    for object in values(of: key("/XObject", of: resources)) {
      guard qpdf_oh_is_stream(data, object) != 0,
        qpdf_oh_is_name_and_equals(data, key("/Subtype", of: object), "/Form") != 0
      else { continue }
      let id = qpdf_oh_get_object_id(data, object)
      if id != 0 && !formsSeen.insert(id).inserted { continue }
      try checkFonts(key("/Resources", of: object), page: page, depth: depth + 1)
    }
  }

  // MARK: - Forms and active content

  func refuseForms() throws {
    let form = key("/AcroForm", of: qpdf_get_root(data))
    let fields = key("/Fields", of: form)
    if qpdf_oh_is_array(data, fields) != 0 && qpdf_oh_get_array_n_items(data, fields) > 0 {
      throw Refusal(
        "is a form with fields, whose values are not part of its pages; flatten it (print it to PDF) and send that")
    }
  }

  /// Markup annotations: drawn on the page, with nothing to run. Every other kind (links,
  /// widgets, attachments, media, 3D) goes.
  static let markup: Set<String> = [
    "/Text", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine", "/Highlight", "/Underline",
    "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink", "/Popup", "/Watermark",
  ]

  func stripActiveContent() {
    let root = qpdf_get_root(data)
    for name in ["/OpenAction", "/AA", "/Names", "/AcroForm", "/Outlines", "/URI", "/Threads", "/Collection"] {
      qpdf_oh_remove_key(data, root, name)
    }
    for page in pages {
      qpdf_oh_remove_key(data, page, "/AA")
      let annotations = key("/Annots", of: page)
      guard qpdf_oh_is_array(data, annotations) != 0 else {
        qpdf_oh_remove_key(data, page, "/Annots")
        continue
      }
      let kept = qpdf_oh_new_array(data)
      for index in 0..<qpdf_oh_get_array_n_items(data, annotations) {
        let annotation = qpdf_oh_get_array_item(data, annotations, index)
        let subtype = key("/Subtype", of: annotation)
        guard qpdf_oh_is_dictionary(data, annotation) != 0, qpdf_oh_is_name(data, subtype) != 0,
          Self.markup.contains(String(cString: qpdf_oh_get_name(data, subtype)))
        else { continue }
        qpdf_oh_remove_key(data, annotation, "/A")
        qpdf_oh_remove_key(data, annotation, "/AA")
        qpdf_oh_append_item(data, kept, annotation)
      }
      if qpdf_oh_get_array_n_items(data, kept) > 0 {
        qpdf_oh_replace_key(data, page, "/Annots", kept)
      } else {
        qpdf_oh_remove_key(data, page, "/Annots")
      }
    }
  }

  func write() throws -> [UInt8] {
    guard qpdf_init_write_memory(data) & QPDF_ERRORS == 0 else {
      throw Refusal("cannot be written anew (\(lastError()))")
    }
    qpdf_set_deterministic_ID(data, QPDF_TRUE)
    qpdf_set_preserve_encryption(data, QPDF_FALSE)
    qpdf_set_decode_level(data, qpdf_dl_generalized)
    qpdf_set_compress_streams(data, QPDF_TRUE)
    // No object streams: every dictionary stays readable text, for whoever checks what was kept.
    qpdf_set_object_stream_mode(data, qpdf_o_disable)
    guard qpdf_write(data) & QPDF_ERRORS == 0 else { throw Refusal("cannot be written anew (\(lastError()))") }
    try noWarnings()
    let length = Int(qpdf_get_buffer_length(data))
    return Array(UnsafeBufferPointer(start: qpdf_get_buffer(data), count: length))
  }

  // MARK: - Helpers

  /// qpdf read or wrote with a warning: a PDF it had to mend, or a stream it could not decode.
  func noWarnings() throws {
    guard qpdf_more_warnings(data) != 0, let warning = qpdf_next_warning(data),
      let text = qpdf_get_error_full_text(data, warning)
    else { return }
    throw Refusal("is damaged (qpdf: \(String(cString: text)))")
  }

  func lastError() -> String {
    guard qpdf_has_error(data) != 0, let error = qpdf_get_error(data), let text = qpdf_get_error_full_text(data, error)
    else { return "qpdf gives no reason" }
    return String(cString: text)
  }

  func key(_ name: String, of object: qpdf_oh) -> qpdf_oh {
    object != 0 && qpdf_oh_is_dictionary(data, object) != 0
      ? qpdf_oh_get_key(data, object, name)
      : (object != 0 && qpdf_oh_is_stream(data, object) != 0
        ? qpdf_oh_get_key(data, qpdf_oh_get_dict(data, object), name) : qpdf_oh_new_null(data))
  }

  /// The values of a dictionary.
  func values(of dictionary: qpdf_oh) -> [qpdf_oh] {
    guard qpdf_oh_is_dictionary(data, dictionary) != 0 else { return [] }
    var keys: [String] = []
    qpdf_oh_begin_dict_key_iter(data, dictionary)
    while qpdf_oh_dict_more_keys(data) != 0, let name = qpdf_oh_dict_next_key(data) {
      keys.append(String(cString: name))
    }
    return keys.map { qpdf_oh_get_key(data, dictionary, $0) }
  }

  /// The numbers of an array (empty when it is not an array of numbers).
  func numbers(_ object: qpdf_oh) -> [Double] {
    guard object != 0 else { return [] }
    if qpdf_oh_is_number(data, object) != 0 { return [qpdf_oh_get_numeric_value(data, object)] }
    guard qpdf_oh_is_array(data, object) != 0 else { return [] }
    var result: [Double] = []
    for index in 0..<qpdf_oh_get_array_n_items(data, object) {
      let item = qpdf_oh_get_array_item(data, object, index)
      guard qpdf_oh_is_number(data, item) != 0 else { return [] }
      result.append(qpdf_oh_get_numeric_value(data, item))
    }
    return result
  }

  func typeName(_ object: qpdf_oh) -> String {
    if qpdf_oh_is_null(data, object) != 0 { return "missing" }
    return "a " + String(cString: qpdf_oh_get_type_name(data, object))
  }

  func nameOrType(_ object: qpdf_oh) -> String {
    qpdf_oh_is_name(data, object) != 0 ? String(cString: qpdf_oh_get_name(data, object)) : typeName(object)
  }
}
