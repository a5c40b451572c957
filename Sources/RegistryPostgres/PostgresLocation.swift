import Registry

/// Where a PostgreSQL registry is, from a URL as libpq reads it:
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (or `postgres://`), and
/// `postgresql://USER@/DATABASE?host=/socket/dir` for a Unix socket. User, password and
/// database are percent-decoded; the parameters `host`, `port`, `user`, `password`, `dbname`
/// and `sslmode=disable` are read, as libpq reads them.
///
/// PostDesk takes no default from the environment (no `PGUSER`, no `~/.pgpass`): the URL says
/// all, so a desk's `--db` alone tells where its registry is.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
  /// The role the desk signs in as.
  public var user: String
  /// The role's password, nil when the server asks none (a trusted Unix socket).
  public var password: String?
  /// Where the server listens.
  public var endpoint: Endpoint
  /// The server's port (also the number in its Unix socket's name); 5432 unless given.
  public var port: Int
  /// The database holding the registry.
  public var database: String

  /// How the desk reaches the server.
  public enum Endpoint: Sendable, Hashable {
    /// TCP to a host name or address.
    case host(String)
    /// The Unix socket in this directory (`.s.PGSQL.PORT` in it).
    case socketDirectory(String)
  }

  /// The form a URL takes, for refusals.
  static let form =
    "write it as postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE, or postgresql://USER@/DATABASE?host=/socket/dir "
    + "for a Unix socket (e.g. postgresql://desk@db.example/postdesk)"

  /// The location `url` names; nil when `url` is not a PostgreSQL URL (it does not begin with
  /// `postgresql://` or `postgres://`: a SQLite path). Throws a `RegistryError` saying what is
  /// wrong when it is one but malformed; the message never repeats the password.
  public init?(url: String) throws {
    let rest: Substring
    if url.hasPrefix("postgresql://") {
      rest = url.dropFirst("postgresql://".count)
    } else if url.hasPrefix("postgres://") {
      rest = url.dropFirst("postgres://".count)
    } else {
      return nil
    }
    let (beforeQuery, query) = Self.split(rest, at: "?")
    let (authority, path) = Self.split(beforeQuery, at: "/")
    var user: String?
    var password: String?
    var hostAndPort = authority
    if let at = authority.lastIndex(of: "@") {
      let userInfo = authority[..<at]
      hostAndPort = authority[authority.index(after: at)...]
      let (name, secret) = Self.split(userInfo, at: ":")
      user = try Self.decode(name, "user")
      password = try secret.map { try Self.decode($0, "password") }
    }
    var host: String?
    var portText: Substring?
    if hostAndPort.hasPrefix("[") {
      guard let close = hostAndPort.firstIndex(of: "]") else {
        throw Self.refusal("the PostgreSQL URL's IPv6 address has no closing ]")
      }
      host = String(hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close])
      let after = hostAndPort[hostAndPort.index(after: close)...]
      if !after.isEmpty {
        guard after.hasPrefix(":") else { throw Self.refusal("the PostgreSQL URL has \(after) after its IPv6 address") }
        portText = after.dropFirst()
      }
    } else {
      let (name, port) = Self.split(hostAndPort, at: ":")
      host = name.isEmpty ? nil : String(name)
      portText = port
    }
    if let host, host.contains(",") {
      throw Self.refusal("the PostgreSQL URL names more than one host (\(host)); PostDesk connects to one")
    }
    var database = try path.flatMap { $0.isEmpty ? nil : try Self.decode($0, "database") }
    var socketDirectory: String?
    for parameter in query.map({ $0.split(separator: "&", omittingEmptySubsequences: true) }) ?? [] {
      let (name, value) = Self.split(parameter, at: "=")
      guard let value else {
        throw Self.refusal("the PostgreSQL URL's parameter \"\(name)\" has no value (name=value)")
      }
      switch name {
      case "host":
        let decoded = try Self.decode(value, "host parameter")
        guard host == nil else {
          throw Self.refusal("the PostgreSQL URL names its host twice (before the path and in ?host=)")
        }
        if decoded.hasPrefix("/") { socketDirectory = decoded } else { host = decoded }
      case "port": portText = value
      case "user": user = try Self.decode(value, "user parameter")
      case "password": password = try Self.decode(value, "password parameter")
      case "dbname": database = try Self.decode(value, "dbname parameter")
      case "sslmode":
        guard value == "disable" else {
          throw Self.refusal(
            "the PostgreSQL URL asks for sslmode=\(value), but PostDesk does not speak TLS to PostgreSQL yet; "
              + "use a Unix socket (?host=/socket/dir) or sslmode=disable on a network you trust")
        }
      default:
        throw Self.refusal(
          "the PostgreSQL URL's parameter \"\(name)\" is not one PostDesk reads (host, port, user, password, dbname, sslmode)"
        )
      }
    }
    guard let user, !user.isEmpty else {
      throw Self.refusal("the PostgreSQL URL names no user; give one before the host")
    }
    var port = 5432
    if let portText {
      guard let number = Int(portText), (1...65535).contains(number) else {
        throw Self.refusal("the PostgreSQL URL's port \"\(portText)\" is not a number from 1 to 65535")
      }
      port = number
    }
    guard let database, !database.isEmpty else {
      throw Self.refusal("the PostgreSQL URL names no database; give one after the host")
    }
    if let socketDirectory {
      let socket = "\(socketDirectory)/.s.PGSQL.\(port)"
      guard socket.utf8.count <= 107 else {
        throw Self.refusal(
          "the PostgreSQL URL's socket \(socket) is longer than a Unix socket's path may be (107 bytes)")
      }
      endpoint = .socketDirectory(socketDirectory)
    } else if let host {
      endpoint = .host(host)
    } else {
      throw Self.refusal(
        "the PostgreSQL URL names no host; give one after the user, or ?host=/socket/dir for a Unix socket")
    }
    self.user = user
    self.password = password
    self.port = port
    self.database = database
  }

  /// The URL with the password masked (`postgresql://desk:***@db.example/postdesk`): for
  /// messages and logs.
  public var description: String {
    let secret = password == nil ? "" : ":***"
    let portPart = port == 5432 ? "" : ":\(port)"
    switch endpoint {
    case .host(let host):
      let shown = host.contains(":") ? "[\(host)]" : host
      return "postgresql://\(Self.encode(user))\(secret)@\(shown)\(portPart)/\(Self.encode(database))"
    case .socketDirectory(let directory):
      let query = port == 5432 ? "?host=\(directory)" : "?host=\(directory)&port=\(port)"
      return "postgresql://\(Self.encode(user))\(secret)@/\(Self.encode(database))\(query)"
    }
  }

  /// The path of the server's Unix socket, nil for TCP.
  public var socketPath: String? {
    guard case .socketDirectory(let directory) = endpoint else { return nil }
    return "\(directory)/.s.PGSQL.\(port)"
  }

  private static func refusal(_ what: String) -> RegistryError { RegistryError("\(what): \(form)") }

  /// `text` before and after the first `separator` (nil after when there is none).
  private static func split(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
    guard let index = text.firstIndex(of: separator) else { return (text, nil) }
    return (text[..<index], text[text.index(after: index)...])
  }

  /// `text` with its `%XX` escapes decoded; `part` names it in the refusal.
  private static func decode(_ text: Substring, _ part: String) throws -> String {
    var bytes: [UInt8] = []
    var iterator = Array(text.utf8).makeIterator()
    while let byte = iterator.next() {
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        continue
      }
      guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
        throw refusal(
          "the PostgreSQL URL's \(part) has a % that is not followed by two hexadecimal digits (write % as %25)")
      }
      bytes.append(high << 4 | low)
    }
    guard let decoded = String(validating: bytes, as: UTF8.self) else {
      throw refusal("the PostgreSQL URL's \(part) is not UTF-8 once its %-escapes are decoded")
    }
    return decoded
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// `text` with the characters a URL's user or path may not hold escaped.
  private static func encode(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      let scalar = Unicode.Scalar(byte)
      if byte < 0x80,
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar)
      {
        result.unicodeScalars.append(scalar)
      } else {
        result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return result
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
