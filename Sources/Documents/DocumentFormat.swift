import DigitalPost
import Foundation

/// What a document is written as: HTML, or PDF printed from it by headless Chromium.
public enum DocumentFormat: String, Sendable, CaseIterable {
  /// PDF on A4, printed by headless Chromium: what a print service and Digital Post take.
  case pdf
  /// The HTML document itself, for a browser or a preview where Chromium is not at hand.
  case html

  /// The file name suffix of a document in this format.
  public var fileSuffix: String { rawValue }
}

extension DocumentFile {
  /// The files of one HTML document written as `NAME.html` and/or `NAME.pdf` in `folder`,
  /// one per format, in the order given; the PDF dated `date`. Made before anything is
  /// written, so that a failing print writes nothing.
  static func files(
    _ html: String, named name: String, in folder: String, formats: [DocumentFormat], on date: CivilDate
  )
    throws -> [(path: String, contents: Data)]
  {
    try formats.map { format in
      let path = "\(folder)/\(name).\(format.fileSuffix)"
      return (path, format == .pdf ? try DocumentPDF.print(html, on: date) : Data(html.utf8))
    }
  }
}
