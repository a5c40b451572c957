import DigitalPost
import Foundation

/// What a document is made as: HTML, or PDF printed from it. Chosen once, by the interface
/// (an option on the command line, HTML on the web desk until a clerk asks for the PDF), and
/// the one place that says what each format's media type and file name suffix are.
public enum DocumentFormat: String, Sendable, CaseIterable {
  /// PDF on A4, printed by headless Chromium: what a print service and Digital Post take.
  case pdf
  /// The HTML document itself, for a browser or a preview where Chromium is not at hand.
  case html

  /// The file name suffix of a document in this format.
  public var fileSuffix: String { rawValue }

  /// The media type a document in this format is served and described as.
  public var mimeType: String {
    switch self {
    case .pdf: "application/pdf"
    case .html: "text/html"
    }
  }
}
