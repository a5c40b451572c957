import AsyncHTTPClient
import Foundation

/// Requests to servers on 127.0.0.1 (chromedriver's WebDriver endpoint) through AsyncHTTPClient's
/// shared client.
///
/// AsyncHTTPClient rather than URLSession: FoundationNetworking on Linux cannot read
/// chromedriver's answers, whose header lines have no space after the colon
/// (`Content-Length:249`), and fails with "Failed writing header"; SwiftNIO's parser takes them.
/// The I/O runs on the client's event loop threads, so a slow answer never holds one of Swift's
/// cooperative threads.
enum LoopbackHTTP {
  /// One answer: status and body.
  struct Response: Sendable {
    var status: Int
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
  }

  /// The largest body read: a screenshot or a printed PDF, in base64, is a few megabytes.
  static let maximumBody = 64 << 20

  /// Sends one request to `127.0.0.1:port` and returns the whole answer.
  ///
  /// `timeout` seconds bound the wait for the answer's head; the shared client's read timeout
  /// (90 seconds of silence) bounds every wait on the connection, the body's included, so a
  /// hung server fails the request within 90 seconds whatever `timeout` says.
  static func send(
    port: Int, method: String, path: String, headers: [String: String] = [:], body: Data? = nil,
    timeout: Double = 90
  ) async throws -> Response {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
    request.method = .init(rawValue: method)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body { request.body = .bytes(body) }
    let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
    let bytes = try await response.body.collect(upTo: maximumBody)
    return Response(status: Int(response.status.code), body: Data(bytes.readableBytesView))
  }
}
