import Foundation
import PostgresNIO

/// One connection lease handed from the task that holds it (on the store's executor, inside
/// `PostgresClient.withConnection`) to the thread that called the registry, and back.
///
/// The caller waits for the connection with a deadline; when it has given up, a connection
/// that arrives late goes straight back to the pool.
final class ConnectionHandover: @unchecked Sendable {
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var state = State.waiting
  private var returned = false
  private var holder: CheckedContinuation<Void, Never>?

  private enum State {
    case waiting
    case offered(PostgresConnection)
    case failed(any Error)
    case abandoned
  }

  /// The lease's task offers `connection`; false when the caller has given up waiting.
  func offer(_ connection: PostgresConnection) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    guard case .waiting = state else { return false }
    state = .offered(connection)
    condition.broadcast()
    return true
  }

  /// The lease failed before a connection came.
  func fail(_ error: any Error) {
    condition.lock()
    defer { condition.unlock() }
    guard case .waiting = state else { return }
    state = .failed(error)
    condition.broadcast()
  }

  /// The caller's connection, waited for at most `seconds`: nil when none came in time.
  func take(within seconds: Double) throws -> PostgresConnection? {
    let deadline = Date(timeIntervalSinceNow: seconds)
    condition.lock()
    defer { condition.unlock() }
    while true {
      switch state {
      case .offered(let connection): return connection
      case .failed(let error): throw error
      case .abandoned: return nil
      case .waiting:
        if !condition.wait(until: deadline) {
          if case .waiting = state {
            state = .abandoned
            return nil
          }
        }
      }
    }
  }

  /// The lease's task waits here until the caller is done with the connection.
  func waitUntilReturned() async {
    await withCheckedContinuation { continuation in
      condition.lock()
      if returned {
        condition.unlock()
        continuation.resume()
      } else {
        holder = continuation
        condition.unlock()
      }
    }
  }

  /// The caller is done: the lease ends and the connection goes back to the pool.
  func giveBack() {
    condition.lock()
    returned = true
    let waiting = holder
    holder = nil
    condition.unlock()
    waiting?.resume()
  }
}
