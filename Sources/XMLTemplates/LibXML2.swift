import CLibXML2
import Foundation

/// The one place that initializes libxml2 and fixes the parse options of the house.
enum LibXML2 {
  /// `xmlInitParser()` must run once, before any parse, and from one place; a `static let`
  /// initializer runs exactly once even when many threads reach it at the same time.
  ///
  /// Catalogs are turned off before anything is parsed: libxml2 2.9 consults them for every
  /// external resource it cannot find, and sets them up lazily under a lock that two threads
  /// compiling schemas at once can deadlock on. The external entity loader is replaced by one
  /// that reads only local files under the folder of the schema being compiled on that thread.
  static let initialized: Void = {
    xmlInitParser()
    xmlCatalogSetDefaults(XML_CATA_ALLOW_NONE)
    xmlSetExternalEntityLoader(localEntityLoader)
  }()

  /// The thread-dictionary key under which a schema compile keeps its folder.
  static let schemaFolderKey = "postdesk.libxml2.schema-folder"

  /// Runs `body` (a schema compile on this thread) with loading allowed under `folder` only.
  static func loading<T>(under folder: String, _ body: () -> T) -> T {
    let dictionary = Thread.current.threadDictionary
    dictionary[schemaFolderKey] = folder
    defer { dictionary.removeObject(forKey: schemaFolderKey) }
    return body()
  }

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

/// libxml2's external entity loader for the whole process: a local file under the folder of
/// the schema being compiled on this thread, and nothing else (no network, no catalog, and no
/// file at all for a document being parsed).
private let localEntityLoader: xmlExternalEntityLoader = { url, _, context in
  guard let url, let folder = Thread.current.threadDictionary[LibXML2.schemaFolderKey] as? String else {
    return nil
  }
  var path = String(cString: url)
  if path.hasPrefix("file://") { path.removeFirst("file://".count) }
  guard !path.contains("://") else { return nil }
  let resolved = PathResolution.resolved(path)
  guard resolved.hasPrefix(folder + "/"), FileManager.default.isReadableFile(atPath: resolved) else { return nil }
  return xmlNewInputFromFile(context, resolved)
}
