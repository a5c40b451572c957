import DigitalPost
import Foundation
import Hummingbird
import PostDesk
import XMLTemplates

/// The language of the request being answered, and the path a language switch returns to.
/// Both are set once per request by `LanguageMiddleware`, which wraps every route, so that any
/// page or refusal rendered below it speaks the clerk's language without passing it along.
enum RequestLanguage {
  /// The request's language: the session's choice, else the browser's `Accept-Language`.
  @TaskLocal static var current: Language = .da
  /// Where the language switch goes back to: the page shown, or its citizen after a POST.
  @TaskLocal static var back: String = "/citizens"
  /// The words of `current`, for the parts of a page built outside the desk (a form's options).
  @TaskLocal static var words: MessageCatalogue?

  /// Message `key` in the request's language (outside a request, `current`'s bundled catalogue).
  static func text(_ key: String) -> String { (words ?? MessageCatalogue(current)).text(key) }

  /// The first of Danish and English the header names, by its quality values (`da, en;q=0.8`);
  /// nil when it names neither.
  static func preferred(acceptLanguage header: String) -> Language? {
    var best: (language: Language, quality: Double)?
    for part in header.split(separator: ",") {
      let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      let tag = fields.first?.lowercased() ?? ""
      let primary = tag.split(separator: "-").first.map(String.init) ?? tag
      guard let language = Language(rawValue: primary) else { continue }
      let quality = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
      // Equal qualities keep the header's order.
      if quality > 0, quality > (best?.quality ?? 0) { best = (language, quality) }
    }
    return best?.language
  }

  /// The page a language switch may return to: a path on this desk, never another site, and
  /// nothing a `Location` header would carry further: it starts with one `/`, holds no `//`
  /// and no `\\`, and only printable ASCII (no space, tab or other control character; the
  /// desk's own paths and queries need no more).
  ///
  /// One pass over the bytes: asked on every request, Foundation's two searches (`contains`)
  /// cost more than the rest of choosing the language (issue 25).
  static func isLocalPath(_ path: String) -> Bool {
    let slash = UInt8(ascii: "/")
    var previous: UInt8 = 0
    var count = 0
    for byte in path.utf8 {
      guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "\\"), count > 0 || byte == slash,
        byte != slash || previous != slash
      else { return false }
      previous = byte
      count += 1
    }
    return count > 0 && count <= 2_048
  }

  /// Where to return after switching language on the page answering `request`: the page
  /// itself for a GET, else the page the form was on (its citizen, or the section).
  static func back(for request: Request) -> String {
    if request.method == .get {
      let path = request.uri.path
      let query = request.uri.query.map { "?\($0)" } ?? ""
      return path == "/sign-in" || !isLocalPath(path + query) ? "/citizens" : path + query
    }
    let parts = request.uri.path.split(separator: "/")
    if parts.first == "citizens", parts.count >= 2 { return "/citizens/\(parts[1])" }
    if parts.first == "letterboxes" { return "/letterboxes" }
    return "/citizens"
  }
}

extension WebDesk {
  /// The language to answer `request` in: its `session`'s choice, else `Accept-Language`,
  /// else Danish (the clerks' language).
  func language(_ request: Request, session: Session?) -> Language {
    if let chosen = session?.language { return chosen }
    if let lang = request.uri.queryParameters.get("lang").flatMap({ Language(rawValue: String($0)) }),
      request.uri.path == "/sign-in"
    {
      return lang
    }
    return request.headers[.acceptLanguage].flatMap(RequestLanguage.preferred(acceptLanguage:)) ?? .da
  }

  /// The words of the request's language.
  var words: MessageCatalogue { catalogues[RequestLanguage.current] ?? catalogues[.da]! }

  /// The blank NemID/MitID check of the citizen page, in the request's language.
  var blankNemID: TemplateValue { blankNemIDs[RequestLanguage.current] ?? blankNemIDs[.da]! }

  /// Refusals worded for a clerk at the counter, in the request's language.
  var refusals: RefusalWording { RefusalWording(words, for: .counter) }

  /// A date on a page, as the request's language writes it: `22. november 2026`.
  func long(_ date: CivilDate) -> String { words.long(date) }

  /// The language switch: the language chosen, and the page to go back to.
  struct LanguageFields: Decodable, Sendable {
    @Typed var lang = ""
    @Typed var back = ""
  }

  /// `POST /language`: keeps the language chosen in the session and goes back to the page.
  func languageRoutes() -> RouteCollection<DeskRequestContext> {
    let routes = RouteCollection(context: DeskRequestContext.self).add(middleware: SignedInGuard())
    routes.post("/language") { request, context in
      try await self.signedIn(request, context, posting: LanguageFields.self) { session, _, form in
        guard let language = Language(rawValue: form.lang) else { return try self.notFound(session) }
        let id = session.id
        try await self.offload { try self.sessions.choose(language, in: id) }
        let back = form.back
        return .redirect(to: RequestLanguage.isLocalPath(back) ? back : "/citizens")
      }
    }
    return routes
  }
}

/// A page's data with the words of its language beside it: `m.SECTION.NAME` in the
/// templates (the catalogue's tree, made once: `WebDesk.pageWords`), and `lang` for the `lang`
/// attribute of `<html>`.
struct Worded<Data: Encodable>: Encodable {
  var data: Data
  var m: TemplateValue
  var lang: String

  enum CodingKeys: String, CodingKey { case m, lang }

  func encode(to encoder: any Encoder) throws {
    try data.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(m, forKey: .m)
    try container.encode(lang, forKey: .lang)
  }
}
