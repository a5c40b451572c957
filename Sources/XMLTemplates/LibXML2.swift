import CLibXML2

/// The one place that initializes libxml2 and fixes the parse options of the house.
enum LibXML2 {
  /// `xmlInitParser()` must run once, before any parse, and from one place; a `static let`
  /// initializer runs exactly once even when many threads reach it at the same time.
  static let initialized: Void = {
    xmlInitParser()
  }()

  /// The parse options for every document, trusted or not: never load from the network,
  /// keep CDATA and entity references visible (no `NOENT`), and no DTD loading, DTD
  /// validation, `HUGE` or `RECOVER`, so external entities stay unread and amplification
  /// limits stay on.
  static let parseOptions: Int32 = Int32(XML_PARSE_NONET.rawValue)

  /// Copies a libxml2 string into a Swift string; `nil` stays `nil`.
  static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
  }

  /// Copies a libxml2 string that the caller owns into a Swift string, then frees it.
  static func consume(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    defer { postdesk_xmlFree(pointer) }
    return string(pointer)
  }
}
