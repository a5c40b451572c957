import DigitalPost
import Foundation
import PostDesk
import Registry

/// What the web desk serves from, and the clocks it reads: everything a test wants to fix.
public struct WebDeskConfiguration: Sendable {
  /// The registry the desk reads and writes.
  public var registry: Registry
  /// The templates folder: `web/` for the pages, `da/`, `en/` and `centres.json` for the letters.
  public var templatesFolder: String
  /// How long a produced letter is kept in the registry: it is forgotten after this many seconds.
  public var documentsRetention = WebDeskConfiguration.defaultDocumentsRetention
  /// How long a session lives without a request.
  public var idleTimeout: TimeInterval
  /// The reverse proxies whose `X-Forwarded-For` names the client (`ClientAddress`), as
  /// `ClientAddress.normalized` writes them; empty: the connection's peer is the client.
  public var trustedProxies: Set<String> = []
  /// Whether cookies carry `Secure` (when served over TLS, or behind a TLS-terminating proxy).
  public var secureCookies: Bool
  /// The clock of sessions and sign-in throttling.
  public var clock: @Sendable () -> Date
  /// The working day of each action (default: the local date of `clock`).
  public var today: @Sendable () -> CivilDate
  /// The time written into the audit log (default: `clock`).
  public var auditTime: @Sendable () -> Date
  /// How many rows each table of the letterboxes page shows; the rest are on further pages.
  public var letterboxPageSize = 100
  /// How many connections are served at once; more wait in the listen queue.
  public var connectionLimit = WebDeskConfiguration.defaultConnectionLimit
  /// How long a client may take to send a request's head, from connecting or from the last
  /// answer: also how long a kept-alive connection may stay idle.
  public var requestHeadTimeout: TimeInterval = 10
  /// How long a client may take to send a request's body, from its head.
  public var requestBodyTimeout: TimeInterval = 30

  /// Produced letters are kept 30 days: long enough to print them again or send them on,
  /// short enough that the registry is no archive of letters.
  public static let defaultDocumentsRetention: TimeInterval = 30 * 24 * 60 * 60

  /// 1,024 connections, or fewer when the process may open fewer files: 64 descriptors are
  /// kept for the registry, the templates and the letters.
  public static var defaultConnectionLimit: Int {
    var limit = rlimit()
    #if os(Linux)
      let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
      let resource = RLIMIT_NOFILE
    #endif
    guard getrlimit(resource, &limit) == 0 else { return 1_024 }
    return max(16, min(1_024, Int(clamping: limit.rlim_cur) - 64))
  }

  /// Makes a configuration; `idleTimeout` is in seconds, `today` defaults to the local date of
  /// `clock`, and `auditTime` to `clock`.
  public init(
    registry: Registry, templatesFolder: String, idleTimeout: TimeInterval = 30 * 60,
    secureCookies: Bool = false, clock: @escaping @Sendable () -> Date = { Date() },
    today: (@Sendable () -> CivilDate)? = nil, auditTime: (@Sendable () -> Date)? = nil
  ) {
    self.registry = registry
    self.templatesFolder = templatesFolder
    self.idleTimeout = idleTimeout
    self.secureCookies = secureCookies
    self.clock = clock
    self.today = today ?? { CivilDate.local(clock()) }
    self.auditTime = auditTime ?? clock
  }
}

extension CivilDate {
  /// The calendar date of `date` in the machine's time zone.
  static func local(_ date: Date) -> CivilDate {
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: date)
    return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
  }
}
