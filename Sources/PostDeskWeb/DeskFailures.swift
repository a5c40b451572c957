import Foundation
import Hummingbird
import Logging
import NIOCore
import Registry

/// Turns what a handler throws into a page: a posted body the desk cannot read into `400`
/// with the words of a form that did not come from the desk (naming the field, when one
/// choice was missing or not offered), a busy registry into `503` with
/// `Retry-After`, any other unexpected error into `500`, logged with its cause under an
/// incident number that the page shows. Hummingbird's own HTTP errors (an unknown route, a
/// body too large) pass through. It runs inside `LanguageMiddleware`, so its pages speak the
/// request's language.
struct DeskFailures: RouterMiddleware {
  typealias Context = DeskRequestContext

  /// Seconds a clerk is asked to wait before trying again after a busy registry.
  static let retryAfter = 10

  let desk: WebDesk

  func handle(
    _ request: Request, context: DeskRequestContext,
    next: (Request, DeskRequestContext) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as any HTTPResponseError {
      throw error
    } catch let error as ChannelError {
      // The client went away, or was cut off for being too slow: nobody to answer.
      context.logger.debug("connection lost", metadata: ["route": route(request, context), "cause": "\(error)"])
      throw error
    } catch let unreadable as UnreadableForm {
      context.logger.notice(
        "form unreadable", metadata: ["route": route(request, context), "cause": LogField.value(unreadable.reason)])
      let refusal = unreadable.field.map { desk.words.text("errors.fieldRefused", ["field": $0]) } ?? ""
      return try desk.page(
        "forbidden", Refused(layout: desk.plainLayout("refused"), refusal: refusal), status: .badRequest)
    } catch let busy as RegistryBusy {
      desk.metrics.registryBusy.increment()
      context.logger.warning(
        "registry busy", metadata: ["route": route(request, context), "cause": LogField.value(busy.description)])
      return try unavailable(unreachable: false)
    } catch let unreachable as RegistryUnavailable {
      // The database is gone for a moment (restarted, cut off): the desk serves again as soon
      // as it answers.
      desk.metrics.registryBusy.increment()
      context.logger.error(
        "registry unavailable",
        metadata: ["route": route(request, context), "cause": LogField.value(unreachable.description)])
      return try unavailable(unreachable: true)
    } catch {
      let incident = Token.random(bytes: 4)
      context.logger.error(
        "request failed",
        metadata: [
          "incident": .string(incident), "route": route(request, context),
          "cause": LogField.value(LogField.maskingCPR("\(String(reflecting: type(of: error))): \(error)")),
        ])
      return try desk.page(
        "failure", Failure(layout: desk.plainLayout("failure"), incident: incident), status: .internalServerError)
    }
  }

  /// The 503 page, with Retry-After: the registry busy with another writer, or out of reach.
  private func unavailable(unreachable: Bool) throws -> Response {
    var response = try desk.page(
      "unavailable",
      Unavailable(
        layout: desk.plainLayout(unreachable ? "unreachable" : "busy"), retryAfter: String(Self.retryAfter),
        unreachable: unreachable),
      status: .serviceUnavailable)
    response.headers[.retryAfter] = String(Self.retryAfter)
    return response
  }

  /// The route's pattern (`/citizens/{ref}`), never the path itself: a path is typed by the
  /// client and may hold anything.
  private func route(_ request: Request, _ context: DeskRequestContext) -> Logger.MetadataValue {
    LogField.value("\(request.method) \(context.endpointPath ?? "(no route)")")
  }

  /// The 400 page's data: `refusal` names the field at fault, or is empty for a body not read at all.
  struct Refused: Encodable {
    var layout: Layout
    var refusal: String
  }

  struct Unavailable: Encodable {
    var layout: Layout
    var retryAfter: String
    /// The database could not be reached (not busy with another writer).
    var unreachable: Bool
  }

  struct Failure: Encodable {
    var layout: Layout
    var incident: String
  }
}
