import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A small HTTP/1.1 client for servers on 127.0.0.1, over a plain socket.
///
/// URLSession on Linux cannot read chromedriver's answers: chromedriver writes header lines
/// without a space after the colon (`Content-Length:249`), and FoundationNetworking fails
/// with "Failed writing header". One request per connection (`Connection: close`); each
/// request runs on a thread of its own, so a slow answer never blocks Swift's cooperative
/// threads.
enum LoopbackHTTP {
  /// One answer: status, headers (names in lower case) and body.
  struct Response: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Sends one request to `127.0.0.1:port` and waits (at most `timeout` seconds of silence)
  /// for the whole answer.
  static func send(
    port: Int, method: String, path: String, headers: [String: String] = [:], body: Data? = nil,
    timeout: Double = 120
  ) async throws -> Response {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Result {
            try exchange(port: port, method: method, path: path, headers: headers, body: body, timeout: timeout)
          })
      }
    }
  }

  private static func exchange(
    port: Int, method: String, path: String, headers: [String: String], body: Data?, timeout: Double
  ) throws -> Response {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var limit = timeval(tv_sec: Int(timeout), tv_usec: Int(timeout.truncatingRemainder(dividingBy: 1) * 1e6))
    _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
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
      throw Failure(description: "connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
    }

    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
    if let body { head += "Content-Length: \(body.count)\r\n" }
    head += "\r\n"
    var request = Data(head.utf8)
    if let body { request.append(body) }
    try request.withUnsafeBytes { buffer in
      var sent = 0
      while sent < buffer.count {
        let n = Glibc.send(fd, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
        guard n > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
        sent += n
      }
    }

    // Read to the end: the server closes the connection after its answer.
    var received = Data()
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = recv(fd, &chunk, chunk.count, 0)
      if n == 0 { break }
      guard n > 0 else {
        throw Failure(description: "no answer from 127.0.0.1:\(port)\(path): \(String(cString: strerror(errno)))")
      }
      received.append(contentsOf: chunk[0..<n])
      if let response = try? parse(received), response.complete { return response.response }
    }
    guard let response = try parse(received) else {
      throw Failure(description: "127.0.0.1:\(port)\(path) closed the connection without an answer")
    }
    return response.response
  }

  /// Parses what has arrived; `complete` once the body is whole by its `Content-Length` or
  /// chunked encoding (without either, the body ends with the connection).
  private static func parse(_ data: Data) throws -> (response: Response, complete: Bool)? {
    guard let end = data.firstRange(of: Data("\r\n\r\n".utf8)) else { return nil }
    let lines = String(decoding: data[data.startIndex..<end.lowerBound], as: UTF8.self)
      .components(separatedBy: "\r\n")
    let statusParts = lines[0].split(separator: " ", maxSplits: 2)
    guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
      throw Failure(description: "not an HTTP answer: \(lines[0])")
    }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      headers[name] = headers[name].map { "\($0), \(value)" } ?? value
    }
    var body = Data(data[end.upperBound...])
    var complete = false
    if let length = headers["content-length"].flatMap({ Int($0) }) {
      complete = body.count >= length
      body = body.prefix(length)
    } else if headers["transfer-encoding"]?.lowercased() == "chunked" {
      (body, complete) = dechunk(body)
    }
    return (Response(status: status, headers: headers, body: body), complete)
  }

  /// The body of a chunked answer, and whether its last (empty) chunk has arrived.
  private static func dechunk(_ data: Data) -> (Data, Bool) {
    var body = Data()
    var rest = data[...]
    while let lineEnd = rest.firstRange(of: Data("\r\n".utf8)) {
      let sizeText = String(decoding: rest[rest.startIndex..<lineEnd.lowerBound], as: UTF8.self)
      guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { break }
      if size == 0 { return (body, true) }
      let start = lineEnd.upperBound
      guard rest.distance(from: start, to: rest.endIndex) >= size + 2 else { break }
      let stop = rest.index(start, offsetBy: size)
      body.append(rest[start..<stop])
      rest = rest[rest.index(stop, offsetBy: 2)...]
    }
    return (body, false)
  }
}
