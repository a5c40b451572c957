import Foundation

/// What the engine reads of a style sheet, once per distinct sheet of a print.
struct StyleFacts {
  let pageRules: String
  /// The sheet depends on where pages fall in the document (page counters, page selectors).
  let pageDependent: Bool
  /// The sheet selects the `html` or `body` element by class, id, attribute or pseudo-class.
  let rootSelected: Bool

  init(_ sheet: String) {
    pageRules = HTMLDocument.pageRules(in: sheet)
    pageDependent =
      sheet.contains("counter(page")
      || sheet.range(of: #"@page[^{]*:(first|left|right|blank)"#, options: .regularExpression) != nil
    rootSelected = sheet.range(of: #"(^|[\s,>+~}])(html|body)[.#:\[]"#, options: .regularExpression) != nil
  }
}
