import DigitalPost
import Foundation

/// A document a job made, as a value: what it is called, its format and its bytes. The job
/// returns it; where it goes (a folder the user names, the registry the web desk serves it
/// from) is the interface's choice.
///
/// A document names a citizen, often with their full CPR number (the pre-filled form): what
/// keeps it must keep it from others (`PostDesk`'s `DocumentSink`s say how). Made only by
/// ``made(_:html:as:printer:on:)``, from a rendered document.
public struct Document: Sendable, Hashable {
  /// The document's name without a suffix, e.g. `exemption-decision`, `letterbox-notice-01`.
  public var name: String
  /// HTML or PDF.
  public var format: DocumentFormat
  /// The bytes: UTF-8 HTML, or a PDF.
  public var contents: Data

  /// `NAME.html` or `NAME.pdf`.
  public var fileName: String { "\(name).\(format.fileSuffix)" }

  /// The document `name` rendered as `html`, once in each of `formats`, in their order: the
  /// HTML itself, or its PDF printed by `printer` and dated `date`. Made before anything is
  /// kept, so that a print that fails keeps nothing.
  public static func made(
    _ name: String, html: String, as formats: [DocumentFormat], printer: any DocumentPrinter, on date: CivilDate
  ) throws -> [Document] {
    try formats.map { format in
      switch format {
      case .html: Document(name: name, format: .html, contents: Data(html.utf8))
      case .pdf: Document(name: name, format: .pdf, contents: try printer.pdf(html: html, on: date))
      }
    }
  }
}
