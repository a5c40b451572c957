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
    let state = error.serverInfo?[.sqlState]
    if state == lockTimeout { return RegistryBusy(waited: waited) }
    // The store names its database (`PostgresStore.withConnection`).
    if isConnectionLost(error) { return RegistryUnavailable(registry: "", cause: describe(error)) }
    return RegistryError("PostgreSQL refused the registry's statement: \(describe(error))")
  }

  /// Whether `error` says the server is gone rather than that it refused a statement: the
  /// connection failed or was closed, or the server is shutting down or starting
  /// (SQLSTATE class 08, 57P01–57P03).
  static func isConnectionLost(_ error: PSQLError) -> Bool {
    if let state = error.serverInfo?[.sqlState] {
      return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
    }
    switch error.code {
    case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown: return true
    default: return error.underlying != nil
    }
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
