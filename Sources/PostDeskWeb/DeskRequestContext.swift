import DigitalPost
import Hummingbird

/// The request context of the web desk: Hummingbird's, plus the client's address for
/// slowing down repeated failed sign-ins, who is asking (`SessionAuthenticator`) and the
/// language to answer in (`LanguageMiddleware`).
public struct DeskRequestContext: RequestContext {
  /// Hummingbird's own per-request storage, which every `RequestContext` carries.
  public var coreContext: CoreRequestContextStorage
  /// The connection's peer, without the port: the client, unless it is a trusted proxy
  /// (`ClientAddress.resolve` then reads the client from the request's `X-Forwarded-For`).
  let clientAddress: String
  /// The live session the request's cookie names, found once by `SessionAuthenticator`;
  /// nil when it names none (or before that middleware ran).
  var session: Session?
  /// Why the session could not be looked up (the registry did not answer), if it could not:
  /// `SignedInGuard` throws it, inside `DeskFailures`.
  var sessionFailure: (any Error)?
  /// The language the request is answered in, chosen by `LanguageMiddleware`.
  var language: Language = .da

  /// The signed-in clerk of the request's session, if any.
  var clerk: SignedInClerk? { session?.clerk }

  /// Makes the context of one request, noting the client's IP address (`unknown` when the channel has none).
  public init(source: ApplicationRequestContextSource) {
    self.coreContext = .init(source: source)
    self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
  }
}
