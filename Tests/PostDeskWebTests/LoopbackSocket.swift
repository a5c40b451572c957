import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One TCP connection to the desk on 127.0.0.1, by hand: for the clients a test client cannot
/// play (many at once, or too slow to finish a request). Blocking calls, so every use runs
/// on a thread of its own (`LoopbackSocket.detached`).
final class LoopbackSocket: @unchecked Sendable {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// An answer read to the end of the connection.
  struct Answer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String
  }

  private let fd: Int32

  /// Connects to `127.0.0.1:port` (only loopback: these tests never reach further).
  init(port: Int) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      close(fd)
      throw Failure(description: "connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
    }
  }

  deinit { close(fd) }

  /// Sends `text` as it is (a whole request, or a part of one).
  func send(_ text: String) throws {
    let bytes = Array(text.utf8)
    var sent = 0
    while sent < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
      guard n > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
      sent += n
    }
  }

  /// Whether the server has closed the connection: waits at most `seconds` for it, reading
  /// and dropping whatever arrives. False when the connection is still open after that.
  func closedByServer(within seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let left = deadline.timeIntervalSinceNow
      guard left > 0 else { return false }
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(left * 1000) + 1)
      if ready < 0 { return true }
      if ready == 0 { continue }
      let n = recv(fd, &chunk, chunk.count, 0)
      if n <= 0 { return true }
    }
  }

  /// Whether anything (an answer, or the close) arrives within `seconds`; reads nothing.
  func readable(within seconds: Double) -> Bool {
    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&poller, 1, Int32(seconds * 1000)) != 0
  }

  /// Reads the answer until the server closes the connection (the request said
  /// `Connection: close`), waiting at most `seconds`; nil when none came in time.
  func answer(within seconds: Double) throws -> Answer? {
    let deadline = Date().addingTimeInterval(seconds)
    var received = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let left = deadline.timeIntervalSinceNow
      guard left > 0 else { return nil }
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(left * 1000) + 1)
      if ready == 0 { continue }
      let n = recv(fd, &chunk, chunk.count, 0)
      if n < 0 { throw Failure(description: "recv: \(String(cString: strerror(errno)))") }
      if n == 0 { break }
      received.append(contentsOf: chunk[0..<n])
    }
    let text = String(decoding: received, as: UTF8.self)
    guard let end = text.range(of: "\r\n\r\n") else {
      if received.isEmpty { throw Failure(description: "the connection closed without an answer") }
      throw Failure(description: "not an HTTP answer: \(text.prefix(200))")
    }
    let lines = text[..<end.lowerBound].components(separatedBy: "\r\n")
    let parts = lines[0].split(separator: " ")
    guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "status line \(lines[0])") }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return Answer(status: status, headers: headers, body: String(text[end.upperBound...]))
  }

  /// One whole request on a new connection, `Connection: close`, and its answer.
  static func exchange(
    port: Int, _ method: String, _ path: String, cookie: String? = nil, form: String? = nil, within seconds: Double = 60
  ) async throws -> Answer {
    try await detached {
      let socket = try LoopbackSocket(port: port)
      var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
      if let cookie { head += "Cookie: postdesk_session=\(cookie)\r\n" }
      if let form {
        head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n"
      }
      try socket.send(head + "\r\n" + (form ?? ""))
      guard let answer = try socket.answer(within: seconds) else {
        throw Failure(description: "no answer to \(method) \(path) within \(seconds) s")
      }
      return answer
    }
  }

  /// Runs blocking `work` on a thread of its own, off Swift's cooperative threads.
  static func detached<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
  }
}

extension LoopbackSocket.Answer {
  /// The session cookie the answer sets, if any.
  var cookie: String? {
    guard let set = headers["set-cookie"], set.hasPrefix("postdesk_session=") else { return nil }
    return String(set.dropFirst("postdesk_session=".count).prefix { $0 != ";" })
  }

  /// The CSRF token of the page's first form.
  var csrf: String? {
    guard let range = body.range(of: "name=\"csrf\" value=\"") else { return nil }
    return String(body[range.upperBound...].prefix { $0 != "\"" })
  }

  /// The text of the element with `id`, as `Page.text` reads it.
  func text(_ id: String) -> String? {
    Page(html: body).text(id)
  }
}
