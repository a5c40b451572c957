import Foundation

/// The page every action ends on: what happened, and the letters it produced, ready to print.
struct ResultPage: Encodable {
  struct Letter: Encodable {
    var id: String
    var href: String
    var label: String
  }

  var layout: Layout
  var title: String
  var message: String
  var links: Links
  var letters: [Letter]
  var applicationID: String
  var decideHref: String

  /// The letters written into folder `id` (under `root`), by file name.
  static func letters(in root: String, id: String) -> [Letter] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(id)")) ?? []
    return names.filter { $0.hasSuffix(".html") && !$0.hasPrefix(".") }.sorted().map { name in
      let stem = String(name.dropLast(".html".count))
      return Letter(
        id: "letter-\(stem)", href: "/documents/\(id)/\(name)", label: stem.replacingOccurrences(of: "-", with: " "))
    }
  }
}
