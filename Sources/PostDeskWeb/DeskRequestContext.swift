import Hummingbird

/// The request context of the web desk: Hummingbird's, plus the client's address for
/// slowing down repeated failed sign-ins.
public struct DeskRequestContext: RequestContext {
  /// Hummingbird's own per-request storage, which every `RequestContext` carries.
  public var coreContext: CoreRequestContextStorage
  /// The connection's peer, without the port: the client, unless it is a trusted proxy
  /// (`ClientAddress.resolve` then reads the client from the request's `X-Forwarded-For`).
  let clientAddress: String

  /// Makes the context of one request, noting the client's IP address (`unknown` when the channel has none).
  public init(source: ApplicationRequestContextSource) {
    self.coreContext = .init(source: source)
    self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
  }
}

/// The session of the request being answered, looked up once by `DeskFailures`, which wraps
/// every route; nil outside a request (then `WebDesk.session(_:)` looks it up itself).
struct RequestSession: Sendable {
  /// The live session the request's cookie names; nil when it names none.
  var session: Session?

  /// The request's session, as found when it came in.
  @TaskLocal static var current: RequestSession?
}
