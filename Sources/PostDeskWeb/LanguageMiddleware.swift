import Hummingbird

/// Chooses the language of the request (`WebDesk.language(_:session:)`) and puts it into
/// `DeskRequestContext.language`. It also sets `RequestLanguage`'s task-locals from it, here
/// and nowhere else: the parts of a page built outside the handlers (`Layout`, a form's
/// options) read their words through them rather than being handed the context.
struct LanguageMiddleware: RouterMiddleware {
  typealias Context = DeskRequestContext

  let desk: WebDesk

  func handle(
    _ request: Request, context: DeskRequestContext,
    next: (Request, DeskRequestContext) async throws -> Response
  ) async throws -> Response {
    var context = context
    context.language = desk.language(request, session: context.session)
    let language = context.language
    return try await RequestLanguage.$current.withValue(language) {
      try await RequestLanguage.$words.withValue(desk.catalogues[language]) {
        try await RequestLanguage.$back.withValue(RequestLanguage.back(for: request)) {
          try await next(request, context)
        }
      }
    }
  }
}
