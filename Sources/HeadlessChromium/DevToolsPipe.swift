import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The DevTools protocol over `--remote-debugging-pipe`: JSON messages, each ended by a NUL
/// byte. Synchronous: a call writes its command and reads until its answer arrives, skipping
/// the events in between (unless one is awaited). Used by one thread at a time.
struct DevToolsPipe {
  let socket: Int32
  var timeout: TimeInterval
  private var buffer: [UInt8] = []
  private var scanned = 0
  private var nextID = 1
  private var chunk = [UInt8](repeating: 0, count: 1 << 20)

  init(socket: Int32, timeout: TimeInterval) {
    self.socket = socket
    self.timeout = timeout
  }

  /// Sends `method` and returns the `result` of its answer.
  @discardableResult
  mutating func call(_ method: String, _ parameters: [String: Any] = [:], session: String? = nil) throws -> [String:
    Any]
  {
    let id = nextID
    nextID += 1
    var message: [String: Any] = ["id": id, "method": method, "params": parameters]
    if let session { message["sessionId"] = session }
    try write(JSONSerialization.data(withJSONObject: message))
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let answer = try read(method: method, until: deadline)
      guard answer["id"] as? Int == id else { continue }
      if let error = answer["error"] as? [String: Any] {
        throw ChromiumError.protocolError(method: method, message: error["message"] as? String ?? "\(error)")
      }
      return answer["result"] as? [String: Any] ?? [:]
    }
  }

  /// Reads until the event `method` of `session` arrives.
  mutating func await(event method: String, session: String?) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let message = try read(method: method, until: deadline)
      if message["method"] as? String == method && message["sessionId"] as? String == session { return }
    }
  }

  private func write(_ data: Data) throws {
    var bytes = [UInt8](data)
    bytes.append(0)
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

  private mutating func read(method: String, until deadline: Date) throws -> [String: Any] {
    while true {
      if let end = buffer[scanned...].firstIndex(of: 0) {
        let message = buffer[..<end]
        defer {
          buffer.removeSubrange(...end)
          scanned = 0
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(message)) as? [String: Any] else {
          throw ChromiumError.protocolError(method: method, message: "an answer that is not a JSON object")
        }
        return object
      }
      scanned = buffer.count
      let remaining = deadline.timeIntervalSinceNow
      guard remaining > 0 else { throw ChromiumError.timedOut(method: method, seconds: Int(timeout.rounded())) }
      var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(min(remaining * 1000, 60_000).rounded(.up)))
      if ready < 0 && errno != EINTR { throw ChromiumError.disconnected }
      if ready <= 0 { continue }
      let count = recv(socket, &chunk, chunk.count, 0)
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { throw ChromiumError.disconnected }
      buffer.append(contentsOf: chunk[..<count])
    }
  }
}
