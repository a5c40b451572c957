import Foundation
import HummingbirdTesting
import Testing

/// Clients that connect and then send their request too slowly, or not at all, over real
/// sockets on 127.0.0.1: the desk cuts them off, and serves a bounded number at once.
@Suite("Slow clients")
struct SlowClientTests {
  /// A desk that allows half a second for a request head and one second for a body.
  static func fixture(connectionLimit: Int = 64) throws -> WebDeskFixture {
    try WebDeskFixture { configuration in
      configuration.requestHeadTimeout = 0.5
      configuration.requestBodyTimeout = 1
      configuration.connectionLimit = connectionLimit
    }
  }

  /// How long a test waits for the desk to close a connection whose deadline (half a second
  /// or a second) has passed: generous, since on two cores a full test run (Chromium printing
  /// beside it) can keep the server's threads from running for seconds. Without deadlines the
  /// desk never closes such a connection, so the tests still tell the two apart.
  static let grace: Double = 20

  /// Opens `count` connections that each send `opening` and then one more byte of `trickle`
  /// every 100 ms (so that no read-idle timer fires); true for each one the desk closed
  /// within `seconds`.
  static func slowClients(port: Int, count: Int, opening: String, trickle: String, seconds: Double) async throws
    -> [Bool]
  {
    try await withThrowingTaskGroup(of: Bool.self) { group in
      for _ in 0..<count {
        group.addTask {
          try await LoopbackSocket.detached {
            let socket = try LoopbackSocket(port: port)
            try socket.send(opening)
            for character in trickle {
              if socket.closedByServer(within: 0.1) { return true }
              do { try socket.send(String(character)) } catch { return true }
            }
            return socket.closedByServer(within: seconds)
          }
        }
      }
      return try await group.reduce(into: [Bool]()) { $0.append($1) }
    }
  }

  @Test("a request head sent a byte at a time is cut off after the head timeout")
  func slowHeaders() async throws {
    let fixture = try Self.fixture()
    try await fixture.run { client in
      let port = try #require(client.port)
      let closed = try await Self.slowClients(
        port: port, count: 20, opening: "GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        trickle: "X-Slow: " + String(repeating: "a", count: 40), seconds: Self.grace)
      #expect(closed.allSatisfy { $0 }, "\(closed.filter { !$0 }.count) of 20 still open")
      // The desk still answers a client that sends its request whole.
      #expect(try await LoopbackSocket.exchange(port: port, "GET", "/sign-in").status == 200)
    }
  }

  @Test("a body sent a byte at a time is cut off after the body timeout")
  func slowBodies() async throws {
    let fixture = try Self.fixture()
    try await fixture.run { client in
      let port = try #require(client.port)
      let head =
        "POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: 200\r\n\r\nclerk="
      let closed = try await Self.slowClients(
        port: port, count: 10, opening: head, trickle: String(repeating: "m", count: 40), seconds: Self.grace)
      #expect(closed.allSatisfy { $0 }, "\(closed.filter { !$0 }.count) of 10 still open")
      #expect(try await LoopbackSocket.exchange(port: port, "GET", "/sign-in").status == 200)
    }
  }

  @Test("a connection that sends nothing is closed after the head timeout")
  func silentConnection() async throws {
    let fixture = try Self.fixture()
    try await fixture.run { client in
      let port = try #require(client.port)
      let closed = try await LoopbackSocket.detached {
        let socket = try LoopbackSocket(port: port)
        return socket.closedByServer(within: Self.grace)
      }
      #expect(closed)
    }
  }

  @Test("a connection that asks again and again stays open past the head timeout, and closes after its last answer")
  func busyConnection() async throws {
    // One timer per connection wakes at the earliest deadline and looks again: a client that
    // keeps asking in time must never be cut off by a deadline already moved on.
    let fixture = try WebDeskFixture { configuration in
      configuration.requestHeadTimeout = 1
      configuration.requestBodyTimeout = 1
    }
    try await fixture.run { client in
      let port = try #require(client.port)
      let (closedEarly, closedAfter) = try await LoopbackSocket.detached {
        let socket = try LoopbackSocket(port: port)
        var closedEarly = 0
        // 30 requests 0.1 s apart: three times the head timeout in all.
        for _ in 0..<30 {
          try socket.send("GET /static/desk.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          if socket.closedByServer(within: 0.1) { closedEarly += 1 }
        }
        return (closedEarly, socket.closedByServer(within: Self.grace))
      }
      #expect(closedEarly == 0)
      #expect(closedAfter)
    }
  }

  @Test("beyond the connection limit a client waits its turn instead of being served at once")
  func connectionLimit() async throws {
    let fixture = try WebDeskFixture { configuration in
      configuration.requestHeadTimeout = 2
      configuration.connectionLimit = 4
    }
    try await fixture.serve { port in
      // Four clients that never finish their request fill the desk.
      let held = try (0..<4).map { _ in
        let socket = try LoopbackSocket(port: port)
        try socket.send("GET /sign-in HTTP/1.1\r\n")
        return socket
      }
      let answer = try await LoopbackSocket.detached { () -> (early: Bool, late: Int?) in
        let socket = try LoopbackSocket(port: port)
        try socket.send("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        if socket.readable(within: 0.7) { return (true, nil) }
        return (false, try socket.answer(within: Self.grace)?.status)
      }
      #expect(!answer.early, "answered while the limit was reached")
      #expect(answer.late == 200, "not answered once the slow clients were cut off")
      withExtendedLifetime(held) {}
    }
  }
}
