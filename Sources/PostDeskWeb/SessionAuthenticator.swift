import Hummingbird

/// Finds who is asking, once per request, in the shape of hummingbird-auth's
/// `AuthenticatorMiddleware`: the live session the request's cookie names (and so its clerk)
/// goes into `DeskRequestContext.session` for the middleware and handlers below it. It turns
/// nobody away; `SignedInGuard` does that for the signed-in routes.
///
/// We keep our own `SessionStore` rather than HummingbirdAuth's session machinery: the
/// session also holds the CSRF token, the citizens' references and the language chosen.
struct SessionAuthenticator: RouterMiddleware {
  typealias Context = DeskRequestContext

  let desk: WebDesk

  func handle(
    _ request: Request, context: DeskRequestContext,
    next: (Request, DeskRequestContext) async throws -> Response
  ) async throws -> Response {
    var context = context
    // Once per request: each look-up parses the cookies and takes the store's lock.
    context.session = authenticate(request)
    return try await next(request, context)
  }

  /// The live session the request's cookie names, from the store (which notes its use).
  func authenticate(_ request: Request) -> Session? {
    guard let id = request.cookie(named: WebDesk.cookieName) else { return nil }
    return desk.sessions.session(id, now: desk.configuration.clock())
  }
}
