import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The DevTools protocol over `--remote-debugging-pipe`: JSON messages, each ended by a NUL
/// byte, on one socket that the pipe owns and closes.
///
/// Shared by threads: each page of a browser prints on a thread of its own, over the same
/// socket. A call writes its command and waits for its answer; a reader thread hands each
/// answer to its caller by id, and an awaited event to whoever expects it; other events are
/// dropped. When the browser closes its end (it crashed or was killed), every waiting call
/// fails with `ChromiumError.disconnected`, and every later one too. When a page's renderer
/// crashes (`Inspector.targetCrashed` on its session, `Target.targetCrashed` for its target),
/// every call on that session fails at once with `ChromiumError.rendererCrashed`: a crashed
/// renderer never answers, and its caller would otherwise wait out its whole timeout.
final class DevToolsPipe: @unchecked Sendable {
  private let socket: Int32
  private let condition = NSCondition()
  private let writing = NSLock()
  private var nextID = 1
  private var answers: [Int: [String: Any]] = [:]
  /// Calls still waiting for their answer (answers to others, timed out, are dropped).
  private var waiting: Set<Int> = []
  /// Expected events by token: the method and session, and whether it has arrived.
  private var expected: [Int: (method: String, session: String?, arrived: Bool)] = [:]
  private var broken = false
  /// Sessions whose renderer crashed, and the session of each page target.
  private var crashed: Set<String> = []
  private var sessionOfTarget: [String: String] = [:]
  /// URLs a page may load (see `refuse`).
  private var allowed: Set<String> = []
  private var readerDone = false
  private var closed = false

  /// Takes `socket` over; starts reading it.
  init(socket: Int32) {
    self.socket = socket
    let thread = Thread { [self] in readLoop() }
    thread.name = "DevTools pipe reader"
    thread.start()
  }

  /// Sends `method` and returns the `result` of its answer.
  @discardableResult
  func call(_ method: String, _ parameters: [String: Any] = [:], session: String? = nil, timeout: TimeInterval)
    throws -> [String: Any]
  {
    condition.lock()
    let id = nextID
    nextID += 1
    waiting.insert(id)
    condition.unlock()
    var message: [String: Any] = ["id": id, "method": method, "params": parameters]
    if let session { message["sessionId"] = session }
    do {
      try write(JSONSerialization.data(withJSONObject: message))
    } catch {
      condition.lock()
      waiting.remove(id)
      condition.unlock()
      throw error
    }
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    defer {
      waiting.remove(id)
      condition.unlock()
    }
    while answers[id] == nil {
      if broken { throw ChromiumError.disconnected }
      if let session, crashed.contains(session) { throw ChromiumError.rendererCrashed }
      if !condition.wait(until: deadline) && answers[id] == nil {
        throw ChromiumError.timedOut(method: method, seconds: Int(timeout.rounded()))
      }
    }
    let answer = answers.removeValue(forKey: id)!
    if let error = answer["error"] as? [String: Any] {
      throw ChromiumError.protocolError(method: method, message: error["message"] as? String ?? "\(error)")
    }
    return answer["result"] as? [String: Any] ?? [:]
  }

  /// Starts listening for the event `method` of `session`: expected before the command that
  /// brings it is sent, so that an early event is not missed. Pass the token to `wait(for:timeout:)`.
  func expect(event method: String, session: String?) -> Int {
    condition.lock()
    defer { condition.unlock() }
    let token = nextID
    nextID += 1
    expected[token] = (method, session, false)
    return token
  }

  /// Waits until the event expected as `token` has arrived, and stops listening for it.
  func wait(for token: Int, timeout: TimeInterval) throws {
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    defer {
      expected.removeValue(forKey: token)
      condition.unlock()
    }
    while expected[token]?.arrived == false {
      if broken { throw ChromiumError.disconnected }
      if let session = expected[token]?.session, crashed.contains(session) { throw ChromiumError.rendererCrashed }
      if !condition.wait(until: deadline) && expected[token]?.arrived == false {
        throw ChromiumError.timedOut(method: expected[token]?.method ?? "", seconds: Int(timeout.rounded()))
      }
    }
  }

  /// Fails a request a page made (`Fetch.enable` pauses every one): a letter is printed from
  /// its own bytes and inline (`data:`) resources, which make no request, so whatever asks
  /// for more (a `src` put in by a template, a style sheet's `url()`) gets nothing and reaches
  /// no server. Only files in the folder of a file a page was navigated to (`allow`) are let
  /// through, so that what such a file links to relatively is found. Sent from
  /// another thread: this one must not wait for the socket while it holds the lock.
  private func refuse(_ parameters: [String: Any], session: String) {
    guard let request = parameters["requestId"] as? String else { return }
    let url = (parameters["request"] as? [String: Any])?["url"] as? String ?? ""
    let id = nextID
    nextID += 1
    let message: [String: Any] =
      url.hasPrefix("file:") && allowed.contains(where: { url.hasPrefix($0) })
      ? ["id": id, "method": "Fetch.continueRequest", "params": ["requestId": request], "sessionId": session]
      : [
        "id": id, "method": "Fetch.failRequest", "params": ["requestId": request, "errorReason": "BlockedByClient"],
        "sessionId": session,
      ]
    guard let data = try? JSONSerialization.data(withJSONObject: message) else { return }
    DispatchQueue.global().async { [self] in try? write(data) }
  }

  /// Lets requests for `file:` URLs that begin with `url` through (the folder of a file the
  /// caller asked a page to load).
  func allow(_ url: String) {
    condition.lock()
    allowed.insert(url)
    condition.unlock()
  }

  /// Names the session attached to page target `target`, so that its crash is told to the
  /// calls on that session.
  func register(target: String, session: String) {
    condition.lock()
    sessionOfTarget[target] = session
    condition.unlock()
  }

  /// Whether the renderer of `session` crashed (or the browser went), waiting up to `seconds`
  /// for the news: a crash may answer the command under way with an error before its event.
  func crashed(session: String, within seconds: TimeInterval) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    condition.lock()
    defer { condition.unlock() }
    while !crashed.contains(session) && !broken {
      if !condition.wait(until: deadline) { break }
    }
    return crashed.contains(session) || broken
  }

  /// Stops listening for the event expected as `token`.
  func forget(_ token: Int) {
    condition.lock()
    expected.removeValue(forKey: token)
    condition.unlock()
  }

  /// Closes the socket (the browser reads end-of-file and quits) once the reader has let go of it.
  func close() {
    condition.lock()
    guard !closed else {
      condition.unlock()
      return
    }
    closed = true
    condition.unlock()
    // Wakes the reader's recv with end-of-file; the descriptor is closed only after the reader
    // has left it, so that its number cannot be reused under a thread still reading.
    shutdown(socket, Int32(SHUT_RDWR))
    condition.lock()
    while !readerDone { condition.wait() }
    condition.unlock()
    #if canImport(Glibc)
      _ = Glibc.close(socket)
    #else
      _ = Darwin.close(socket)
    #endif
  }

  private func write(_ data: Data) throws {
    var bytes = [UInt8](data)
    bytes.append(0)
    writing.lock()
    defer { writing.unlock() }
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      if sent < 0 {
        if errno == EINTR { continue }
        throw ChromiumError.disconnected
      }
      offset += sent
    }
  }

  /// Reads messages until the socket ends, handing each to its waiter.
  private func readLoop() {
    var buffer: [UInt8] = []
    var start = 0
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = recv(socket, &chunk, chunk.count, 0)
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      let scanFrom = buffer.count
      buffer.append(contentsOf: chunk[..<count])
      var searchFrom = scanFrom
      while let end = buffer[searchFrom...].firstIndex(of: 0) {
        deliver(Data(buffer[start..<end]))
        start = end + 1
        searchFrom = start
      }
      if start > 0 && start == buffer.count {
        buffer.removeAll(keepingCapacity: true)
        start = 0
      } else if start > 1 << 20 {
        buffer.removeSubrange(..<start)
        start = 0
      }
    }
    condition.lock()
    broken = true
    readerDone = true
    condition.broadcast()
    condition.unlock()
  }

  private func deliver(_ bytes: Data) {
    guard let message = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] else { return }
    condition.lock()
    defer { condition.unlock() }
    if let id = message["id"] as? Int {
      guard waiting.contains(id) else { return }
      answers[id] = message
      condition.broadcast()
    } else if let method = message["method"] as? String {
      let session = message["sessionId"] as? String
      if method == "Fetch.requestPaused", let session {
        refuse(message["params"] as? [String: Any] ?? [:], session: session)
      } else if method == "Inspector.targetCrashed", let session {
        crashed.insert(session)
        condition.broadcast()
      } else if method == "Target.targetCrashed",
        let target = (message["params"] as? [String: Any])?["targetId"]
          as? String, let crashedSession = sessionOfTarget[target]
      {
        crashed.insert(crashedSession)
        condition.broadcast()
      }
      for (token, expectation) in expected
      where !expectation.arrived && expectation.method == method && expectation.session == session {
        expected[token]?.arrived = true
        condition.broadcast()
      }
    }
  }
}
