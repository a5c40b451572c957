import Foundation
import NIOCore
import NIOPosix
import PostgresNIO
import Registry

/// PostgreSQL's errors in the registry's words: a lock timeout is `RegistryBusy`; anything
/// else a `RegistryError` with PostgreSQL's own message and SQLSTATE (PostgresNIO's errors
/// print nothing of the server's message by default, lest it leak data into logs).
enum PostgresFailure {
  /// SQLSTATE 55P03, lock_not_available: `lock_timeout` passed.
  static let lockTimeout = "55P03"

  /// `error` from a statement, as the registry reports it; `waited` is the store's timeout.
  static func registryError(_ error: any Error, waited: Double) -> any Error {
    guard let error = error as? PSQLError else { return error }
    if error.serverInfo?[.sqlState] == lockTimeout { return RegistryBusy(waited: waited) }
    // The server ending the session (57P0x: shut down, terminated) is a lost connection too.
    let state = error.serverInfo?[.sqlState] ?? ""
    if error.serverInfo != nil, !state.hasPrefix("57P0"), !state.hasPrefix("08") {
      return RegistryError("PostgreSQL refused the registry's statement: \(describe(error))")
    }
    return RegistryError(
      "the connection to PostgreSQL failed before the statement was answered (\(describe(error))); "
        + "the job's changes were not committed")
  }

  /// What went wrong, in one line: the server's message and SQLSTATE, or the connection's fault.
  static func describe(_ error: any Error) -> String {
    guard let error = error as? PSQLError else { return "\(error)" }
    if let info = error.serverInfo, let message = info[.message] {
      var text = message
      if let detail = info[.detail] { text += " (\(detail))" }
      if let state = info[.sqlState] { text += " [SQLSTATE \(state)]" }
      return text
    }
    if let underlying = error.underlying { return describeConnection(underlying) }
    switch error.code {
    case .serverClosedConnection: return "the server closed the connection"
    case .clientClosedConnection: return "the connection was closed"
    case .connectionError: return "the connection failed"
    case .poolClosed: return "the store is closed"
    default: return "\(error.code)"
    }
  }

  /// Why a connection failed, as the system words it ("Connection refused"), not NIO's
  /// description of the call that failed.
  private static func describeConnection(_ error: any Error) -> String {
    if error is PSQLError { return describe(error) }
    if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
    if let error = error as? NIOConnectionError {
      if let first = error.connectionErrors.first { return describeConnection(first.error) }
      if error.dnsAError != nil || error.dnsAAAAError != nil { return "the host name \(error.host) is not known" }
    }
    return "\(error)"
  }
}
