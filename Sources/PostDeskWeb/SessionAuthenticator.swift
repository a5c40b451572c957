import Hummingbird

/// Finds who is asking, once per request, in the shape of hummingbird-auth's
/// `AuthenticatorMiddleware`: the live session the request's cookie names (and so its clerk)
/// goes into `DeskRequestContext.session` for the middleware and handlers below it. It turns
/// nobody away; `SignedInGuard` does that for the signed-in routes.
///
/// We keep our own `SessionStore` rather than HummingbirdAuth's session machinery: the
/// registry keeps the sessions for every desk on it, and the CSRF token and the citizens'
/// references are made from the session's token.
struct SessionAuthenticator: RouterMiddleware {
  typealias Context = DeskRequestContext

  let desk: WebDesk

  func handle(
    _ request: Request, context: DeskRequestContext,
    next: (Request, DeskRequestContext) async throws -> Response
  ) async throws -> Response {
    var context = context
    // Once per request: one read of the registry (a cached statement, no transaction).
    do {
      context.session = try authenticate(request)
    } catch {
      // Not thrown here, outside `DeskFailures`: the signed-in routes' guard throws it, so
      // that the clerk gets the failure page, not the sign-in form.
      context.sessionFailure = error
    }
    if let session = context.session, desk.sessions.needsNote(session, now: desk.configuration.clock()) {
      // At most once a minute per session, off the event loop, never waiting for a writer:
      // a note that fails is made by a later request.
      let (sessions, id, now) = (desk.sessions, session.id, desk.configuration.clock())
      _ = try? await desk.offload { try sessions.noteSeen(id, now: now) }
    }
    return try await next(request, context)
  }

  /// The live session the request's cookie names, from the registry.
  func authenticate(_ request: Request) throws -> Session? {
    guard let id = request.cookie(named: WebDesk.cookieName) else { return nil }
    return try desk.sessions.session(id, now: desk.configuration.clock())
  }
}
