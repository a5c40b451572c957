import Documents
import Foundation
import PostDesk

/// The page every action ends on: what happened, and the letters it produced, ready to print.
struct ResultPage: Encodable {
  struct Letter: Encodable {
    var id: String
    var href: String
    /// The same letter as PDF, printed when first asked for.
    var pdfHref: String
    var label: String
  }

  var layout: Layout
  var title: String
  var message: String
  var links: Links
  var letters: [Letter]
  var applicationID: String
  var decideHref: String

  /// The HTML letters of `documents`, kept for action `action`, by name, named in `words`
  /// (`letter.STEM`, and a notice's number after it).
  static func letters(_ documents: [Document], action id: String, words: MessageCatalogue) -> [Letter] {
    documents.filter { $0.format == .html }.map(\.name).sorted().map { stem in
      let name = "\(stem).\(DocumentFormat.html.fileSuffix)"
      // `letterbox-notice-01` is the first letterbox notice: its kind, then its number.
      let number = stem.split(separator: "-").last.flatMap { Int($0) != nil ? String($0) : nil }
      let kind = number.map { String(stem.dropLast($0.count + 1)) } ?? stem
      let label =
        words.has("letter.\(kind)")
        ? words.text("letter.\(kind)") + (number.map { " \($0)" } ?? "") : stem.replacingOccurrences(of: "-", with: " ")
      return Letter(
        id: "letter-\(stem)", href: "/documents/\(id)/\(name)",
        pdfHref: "/documents/\(id)/\(stem).\(DocumentFormat.pdf.fileSuffix)",
        label: label)
    }
  }
}
