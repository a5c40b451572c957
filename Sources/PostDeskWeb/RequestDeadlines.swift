import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client is too slow to send a request: the whole head within
/// `head` of the connection opening or of the last answer, the whole body within `body` of
/// the head.
///
/// A client that sends a byte now and then keeps a read-idle timer from firing, so the
/// deadline counts from the start of the head or body, not from the last byte. Without it a
/// few hundred such clients hold every descriptor the process may open.
final class RequestDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let head: TimeAmount
  private let body: TimeAmount
  private var deadline: Scheduled<Void>?
  /// Requests whose head was read and whose answer is not yet written.
  private var unanswered = 0
  private var readingBody = false

  init(head: TimeAmount, body: TimeAmount) {
    self.head = head
    self.body = body
  }

  func handlerAdded(context: ChannelHandlerContext) {
    if context.channel.isActive { arm(context, head) }
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    disarm()
  }

  func channelActive(context: ChannelHandlerContext) {
    if deadline == nil { arm(context, head) }
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    disarm()
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head:
      unanswered += 1
      readingBody = true
      arm(context, body)
    case .body:
      break
    case .end:
      // The request is read; how long the answer takes is the handler's business.
      readingBody = false
      disarm()
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data) {
      unanswered -= 1
      if unanswered <= 0, !readingBody {
        unanswered = 0
        arm(context, head)
      }
    }
    context.write(data, promise: promise)
  }

  private func arm(_ context: ChannelHandlerContext, _ amount: TimeAmount) {
    deadline?.cancel()
    deadline = context.eventLoop.assumeIsolated().scheduleTask(in: amount) {
      context.close(promise: nil)
    }
  }

  private func disarm() {
    deadline?.cancel()
    deadline = nil
  }
}
