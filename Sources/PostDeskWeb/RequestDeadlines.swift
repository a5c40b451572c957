import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client is too slow to send a request: the whole head within
/// `head` of the connection opening or of the last answer, the whole body within `body` of
/// the head.
///
/// A client that sends a byte now and then keeps a read-idle timer from firing, so the
/// deadline counts from the start of the head or body, not from the last byte. Without it a
/// few hundred such clients hold every descriptor the process may open.
///
/// A request moves the deadline twice (to the body's at its head, to the next head's at its
/// answer) but does not schedule a timer each time: one timer per connection wakes at the
/// earliest deadline it may have to keep, and closes the connection only if the deadline then
/// in force has passed, else sleeps until it. Scheduling and cancelling two timers a request
/// cost a fortieth of the citizen page's CPU (issue 25).
final class RequestDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let head: TimeAmount
  private let body: TimeAmount
  /// When the connection is closed unless the client has sent what it owes; nil while the
  /// desk, not the client, is the one to act (a request read, its answer not yet written).
  private var due: NIODeadline?
  /// The timer, and when it wakes (never later than `due`).
  private var timer: (scheduled: Scheduled<Void>, at: NIODeadline)?
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
    stop()
  }

  func channelActive(context: ChannelHandlerContext) {
    if due == nil { arm(context, head) }
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    stop()
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

  /// The connection must hear from the client within `amount` from now.
  private func arm(_ context: ChannelHandlerContext, _ amount: TimeAmount) {
    let deadline = NIODeadline.now() + amount
    due = deadline
    // A timer that wakes by then stays; it looks again when it wakes.
    if let timer, timer.at <= deadline { return }
    wake(context, at: deadline)
  }

  /// No deadline until the next `arm`: the timer, if it wakes, finds nothing due.
  private func disarm() {
    due = nil
  }

  private func wake(_ context: ChannelHandlerContext, at time: NIODeadline) {
    timer?.scheduled.cancel()
    let scheduled = context.eventLoop.assumeIsolated().scheduleTask(deadline: time) { [self] in
      timer = nil
      guard let due else { return }
      if due <= .now() { context.close(promise: nil) } else { wake(context, at: due) }
    }
    timer = (scheduled, time)
  }

  /// The connection is gone: no deadline, no timer.
  private func stop() {
    due = nil
    timer?.scheduled.cancel()
    timer = nil
  }
}
