import DigitalPost
import Foundation
import HeadlessChromium
import XMLTemplates

/// A MeMo message read from an input file: what the batch needs to route, print or pass on.
struct MeMoLetter: Sendable {
  /// One `memo:File` of a document.
  struct File: Sendable {
    var encodingFormat: String
    var filename: String
    var language: String
    /// The base64 content as written in the message (whitespace removed).
    var content: String

    /// Whether the file says it is a PDF.
    var isPDF: Bool { encodingFormat.lowercased() == "application/pdf" }

    /// Whether the file is text the letter layout can print (plain text, HTML or XHTML).
    var isText: Bool { ["text/plain", "text/html", "application/xhtml+xml"].contains(encodingFormat.lowercased()) }
  }

  /// The sender's postal address and telephone as the message's `Sender/AttentionData`
  /// gives them (`grd:Address`, `Telephone`), for the cover sheet's return address and footer.
  struct SenderContact: Sendable, Equatable {
    /// Street and number (`addressLabel houseNumber`, with floor and door), or empty.
    var street = ""
    var postcode = ""
    var city = ""
    var phone = ""
  }

  var label: String
  /// The message's `messageUUID`, as written (empty when it has none).
  var messageUUID = ""
  var senderID: String
  var senderIDType: String
  var senderLabel: String
  var senderContact = SenderContact()
  var recipient: CPRNumber
  var created: String
  var date: CivilDate
  var mainDocument: [File]
  var additionalDocuments: [[File]]

  static let namespace = "https://DigitalPost.dk/MeMo-1"
  /// The namespace of the address types MeMo borrows (`grd:Address`).
  static let coreNamespace = "https://data.gov.dk/model/core/"

  /// The largest message file read; larger ones are rejected before parsing.
  static let maximumFileSize = 64 << 20

  /// Reads and checks one message file: well-formed (parsed with the house's safe options),
  /// in the MeMo namespace, valid against MeMo 1.2 when `schema` is given and the message says
  /// 1.2 (a 1.1 message is checked element by element), a CPR recipient.
  static func read(path: String, schema: XMLSchema?) -> Result<MeMoLetter, BatchReject> {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size <= maximumFileSize else {
      return .failure(BatchReject(source: path, reason: "the message is larger than 64 MB"))
    }
    let document: SafeXMLDocument
    do { document = try SafeXMLDocument(path: path) } catch {
      let first = error.diagnostics.first
      return .failure(
        BatchReject(
          source: "\(path):\(first?.line ?? 0)", reason: "not well-formed XML: \(first?.message ?? "\(error)")"))
    }
    guard let root = document.root, root.localName == "Message", root.namespaceURI == namespace else {
      let found = document.root.map { "{\($0.namespaceURI ?? "")}\($0.localName)" } ?? "nothing"
      return .failure(
        BatchReject(source: "\(path):1", reason: "not a MeMo message: expected {\(namespace)}Message, found \(found)"))
    }
    if let reference = document.firstEntityReference {
      return .failure(
        BatchReject(
          source: "\(path):\(reference.line)",
          reason: "the message refers to the entity &\(reference.name);, whose text PostDesk never reads in; "
            + "write the characters themselves, or numeric references such as &#230;"))
    }
    let version = root.attribute("memoVersion") ?? ""
    if version == "1.2", let schema {
      if let problem = schema.validate(document).first {
        return .failure(
          BatchReject(source: "\(path):\(problem.line)", reason: "not valid MeMo 1.2: \(problem.message)"))
      }
    } else if version != "1.1" && version != "1.2" {
      return .failure(
        BatchReject(source: "\(path):\(root.line)", reason: "MeMo version \(version) is not read (1.1 and 1.2 are)"))
    }
    return extract(root, path: path)
  }

  /// The `messageUUID` of the message file at `path`, read without the other checks (for the
  /// letters a resume passes over); nil when there is none to read.
  static func messageUUID(path: String) -> String? {
    guard let document = try? SafeXMLDocument(path: path), let root = document.root,
      let header = child(root, "MessageHeader"), let uuid = child(header, "messageUUID")?.text
    else { return nil }
    return uuid.trimmingCharacters(in: .whitespaces)
  }

  private static func child(_ element: SafeXMLElement, _ name: String) -> SafeXMLElement? {
    element.firstChild(named: name, namespace: namespace)
  }

  private static func extract(_ root: SafeXMLElement, path: String) -> Result<MeMoLetter, BatchReject> {
    func missing(_ what: String, _ at: SafeXMLElement) -> Result<MeMoLetter, BatchReject> {
      .failure(BatchReject(source: "\(path):\(at.line)", reason: "the message has no \(what)"))
    }
    guard let header = child(root, "MessageHeader") else { return missing("MessageHeader", root) }
    guard let body = child(root, "MessageBody") else { return missing("MessageBody", root) }
    guard let sender = child(header, "Sender") else { return missing("Sender", header) }
    guard let recipient = child(header, "Recipient") else { return missing("Recipient", header) }
    guard let recipientID = child(recipient, "recipientID")?.text else { return missing("recipientID", recipient) }
    let idType = child(recipient, "idType")?.text ?? ""
    guard idType == "CPR" else {
      return .failure(
        BatchReject(
          source: "\(path):\(recipient.line)",
          reason:
            "the recipient is identified by \(idType.isEmpty ? "nothing" : idType); the batch prints to CPR numbers only"
        ))
    }
    let cpr: CPRNumber
    do { cpr = try CPRNumber(parsing: recipientID.trimmingCharacters(in: .whitespaces)) } catch {
      return .failure(BatchReject(source: "\(path):\(recipient.line)", reason: "recipientID: \(error.message)"))
    }
    guard let created = child(body, "createdDateTime")?.text.trimmingCharacters(in: .whitespaces),
      let date = CivilDate(iso: String(created.prefix(10)))
    else { return missing("createdDateTime of the form YYYY-MM-DDThh:mm:ssZ", body) }
    guard let main = child(body, "MainDocument") else { return missing("MainDocument", body) }
    let mainFiles = files(main)
    guard !mainFiles.isEmpty else { return missing("File in its MainDocument", main) }
    let additional = body.children(named: "AdditionalDocument", namespace: namespace).map(files)
    for file in mainFiles + additional.joined() {
      if let problem = problem(of: file) {
        return .failure(BatchReject(source: "\(path):\(main.line)", reason: problem))
      }
    }
    return .success(
      MeMoLetter(
        label: child(header, "label")?.text ?? "",
        messageUUID: child(header, "messageUUID")?.text.trimmingCharacters(in: .whitespaces) ?? "",
        senderID: child(sender, "senderID")?.text ?? "",
        senderIDType: child(sender, "idType")?.text ?? "CVR", senderLabel: child(sender, "label")?.text ?? "",
        senderContact: contact(sender), recipient: cpr, created: created, date: date, mainDocument: mainFiles,
        additionalDocuments: additional))
  }

  /// The sender's address and telephone from `AttentionData`, each part empty when not given.
  private static func contact(_ sender: SafeXMLElement) -> SenderContact {
    var contact = SenderContact()
    guard let attention = child(sender, "AttentionData") else { return contact }
    if let address = attention.firstChild(named: "Address", namespace: coreNamespace) {
      func part(_ name: String) -> String {
        address.firstChild(named: name, namespace: coreNamespace)?.text.trimmingCharacters(in: .whitespaces) ?? ""
      }
      var street = [part("addressLabel"), part("houseNumber")].filter { !$0.isEmpty }.joined(separator: " ")
      let unit = [part("floor").isEmpty ? "" : part("floor") + ".", part("door")].filter { !$0.isEmpty }
      if !street.isEmpty, !unit.isEmpty { street += ", " + unit.joined(separator: " ") }
      contact.street = street
      contact.postcode = part("zipCode")
      contact.city = part("city")
    }
    if let telephone = child(attention, "Telephone") {
      contact.phone = child(telephone, "telephoneNumber")?.text.trimmingCharacters(in: .whitespaces) ?? ""
    }
    return contact
  }

  /// What makes a file unfit to pass on: its name and format reach the print shop and the
  /// letterbox, so a name is a plain file name and a format a MIME type, or the letter is refused.
  private static func problem(of file: File) -> String? {
    let name = file.filename
    let nameBytes = Array(name.utf8)
    if name.isEmpty || name == "." || name == ".." || nameBytes.count > 255
      || nameBytes.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") })
    {
      return "the file name \"\(visible(name))\" is not a plain file name (no folders, no control characters, "
        + "at most 255 bytes)"
    }
    if !isMIMEType(file.encodingFormat) {
      return "the format \"\(visible(file.encodingFormat))\" of \(name) is not a MIME type such as application/pdf"
    }
    guard let content = Data(base64Encoded: file.content) else { return "the content of \(name) is not base64" }
    if file.isPDF {
      guard content.starts(with: Array("%PDF-".utf8)) else {
        return "\(name) says application/pdf but is not a PDF (it does not begin with %PDF-)"
      }
      do { _ = try PDFPages.count(content) } catch {
        var reason = "\(error)"
        if case ChromiumError.unreadablePDF(let qpdf) = error { reason = qpdf }
        return "\(name) says application/pdf but is not a PDF that can be read (\(reason))"
      }
    }
    return nil
  }

  /// `type/subtype` with the characters RFC 6838 allows in each name, at most 127 of them.
  static func isMIMEType(_ text: String) -> Bool {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    return parts.count == 2
      && parts.allSatisfy { part in
        guard let first = part.utf8.first, part.utf8.count <= 127, isAlphanumeric(first) else { return false }
        return part.utf8.allSatisfy { isAlphanumeric($0) || Array("!#$&-^_.+".utf8).contains($0) }
      }
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  /// A name as it can be shown in a message: control characters as `?`, at most 80 characters.
  private static func visible(_ text: String) -> String {
    let shown = String(
      String.UnicodeScalarView(text.unicodeScalars.prefix(80).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    return text.unicodeScalars.count > 80 ? shown + "…" : shown
  }

  private static func files(_ document: SafeXMLElement) -> [File] {
    document.children(named: "File", namespace: namespace).map { file in
      File(
        encodingFormat: child(file, "encodingFormat")?.text.trimmingCharacters(in: .whitespaces) ?? "",
        filename: child(file, "filename")?.text ?? "document", language: child(file, "language")?.text ?? "da",
        content: (child(file, "content")?.text ?? "").filter { !$0.isWhitespace })
    }
  }

  /// The form of the main document printed in the `letter` layout: its files are alternative
  /// forms of one document, so none when one is a PDF (that travels as an enclosure behind a
  /// cover sheet), else the first text one.
  var printedMainDocument: File? {
    mainDocument.contains(where: \.isPDF) ? nil : mainDocument.first(where: \.isText)
  }

  /// The main document's text as paragraphs, for the `letter` layout; nil when it is not
  /// printed as text (see `printedMainDocument`).
  var paragraphs: [String]? {
    guard let file = printedMainDocument, let data = Data(base64Encoded: file.content) else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    switch file.encodingFormat.lowercased() {
    case "text/plain":
      return Self.split(text)
    case "text/html", "application/xhtml+xml":
      return Self.split(Self.textOfMarkup(text))
    default:
      return nil
    }
  }

  /// Blank-line separated paragraphs, lines inside a paragraph joined.
  static func split(_ text: String) -> [String] {
    text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
      .map { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
      .filter { !$0.isEmpty }
  }

  /// The text of HTML or XHTML: tags dropped, block ends made paragraph breaks, the common
  /// entities decoded. The text is only ever put into the letter as escaped text, so markup in
  /// a hostile message shows as text at worst.
  static func textOfMarkup(_ markup: String) -> String {
    var out = ""
    var tag = ""
    var inTag = false
    var skipping = false
    for character in markup {
      if inTag {
        if character == ">" {
          inTag = false
          let name = tag.lowercased().split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "\n" }).first ?? ""
          if ["script", "style", "head", "title"].contains(name) { skipping = true }
          if ["/script", "/style", "/head", "/title"].contains(tag.lowercased().split(separator: " ").first ?? "") {
            skipping = false
          }
          if ["p", "/p", "br", "div", "/div", "h1", "/h1", "h2", "/h2", "li", "/li"].contains(name) { out += "\n\n" }
          tag = ""
        } else {
          tag.append(character)
        }
      } else if character == "<" {
        inTag = true
      } else if !skipping {
        out.append(character == "\n" ? " " : character)
      }
    }
    return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&nbsp;", with: " ")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}
