import Foundation

/// The address a request comes from, for counting failed sign-ins by place: the connection's
/// peer, or, when the peer is a reverse proxy the desk was told to trust (`postdesk serve
/// --trusted-proxy ADDR`), the right-most address in `X-Forwarded-For` that is not a trusted
/// proxy.
///
/// Right-most, because each proxy appends the address it was reached from: the entries left of
/// the trusted proxies' own were written by the client and may say anything.
public enum ClientAddress {
  /// `text` as an IP address written the one way `inet_ntop` writes it (`::1`, `10.0.0.7`; an
  /// IPv4 address mapped into IPv6 as the IPv4 address), or nil when it is not one.
  public static func normalized(_ text: String) -> String? {
    var text = text.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
    guard !text.isEmpty, text.count <= 64 else { return nil }
    var v4 = in_addr()
    if inet_pton(AF_INET, text, &v4) == 1 { return format(AF_INET, withUnsafeBytes(of: v4) { Array($0) }) }
    var v6 = in6_addr()
    guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
    let bytes = withUnsafeBytes(of: v6) { Array($0) }
    if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
      return bytes[12...].map(String.init).joined(separator: ".")
    }
    return format(AF_INET6, bytes)
  }

  /// The client's address: `peer`, unless it is one of `trusted`; then the right-most entry
  /// of the `X-Forwarded-For` header lines `forwardedFor` that is not trusted (the peer when
  /// there is none, or when that entry is no IP address).
  public static func resolve(peer: String, forwardedFor: [String], trusted: Set<String>) -> String {
    guard !trusted.isEmpty, let proxy = normalized(peer), trusted.contains(proxy) else { return peer }
    let hops = forwardedFor.flatMap { $0.split(separator: ",") }
    for hop in hops.reversed() {
      guard let address = normalized(String(hop)) else { return peer }
      if !trusted.contains(address) { return address }
    }
    return peer
  }

  /// The address `bytes` of `family` as `inet_ntop` writes it.
  private static func format(_ family: Int32, _ bytes: [UInt8]) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    let written = bytes.withUnsafeBytes { raw in
      inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
    }
    guard written else { return nil }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
