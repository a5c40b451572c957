import Hummingbird

/// Keeps the signed-in routes for signed-in clerks, as hummingbird-auth's
/// `IsAuthenticatedMiddleware` does, but as a desk answers a browser: without a clerk in the
/// context (`SessionAuthenticator`), 303 to the sign-in page, and the handler does not run.
struct SignedInGuard: RouterMiddleware {
  typealias Context = DeskRequestContext

  func handle(
    _ request: Request, context: DeskRequestContext,
    next: (Request, DeskRequestContext) async throws -> Response
  ) async throws -> Response {
    if let failure = context.sessionFailure { throw failure }
    guard context.clerk != nil else { return .redirect(to: "/sign-in") }
    return try await next(request, context)
  }
}
