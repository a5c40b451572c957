import Foundation

/// A task executor on one thread of its own: the PostgreSQL store's client (`PostgresClient.run()`)
/// and its connection leases run here, never on Swift's cooperative pool.
///
/// The registry's API is synchronous, and the web desk calls it from async handlers that block
/// a cooperative thread while it runs: when every thread of that small pool waits for the
/// registry, work the registry waits for must run elsewhere, or nothing moves again.
final class ThreadTaskExecutor: TaskExecutor, @unchecked Sendable {
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var jobs: [UnownedJob] = []
  private var finished = false

  /// Starts the thread, named `name` (seen in a debugger or `top -H`); it holds the executor
  /// until `finish()`.
  init(name: String) {
    let thread = Thread { self.loop() }
    thread.name = name
    thread.start()
  }

  /// Queues `job` to run on the thread.
  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  /// Lets the thread end once it has run every job queued so far and none is left.
  func finish() {
    condition.lock()
    finished = true
    condition.signal()
    condition.unlock()
  }

  /// Whether the caller runs on the executor's thread (where blocking would stop it for good).
  var isCurrent: Bool { Thread.current.threadDictionary[Self.marker] as? ObjectIdentifier == ObjectIdentifier(self) }

  private static let marker = "RegistryPostgres.ThreadTaskExecutor"

  private func loop() {
    Thread.current.threadDictionary[Self.marker] = ObjectIdentifier(self)
    while true {
      condition.lock()
      while jobs.isEmpty && !finished { condition.wait() }
      if jobs.isEmpty {
        condition.unlock()
        return
      }
      let batch = jobs
      jobs.removeAll(keepingCapacity: true)
      condition.unlock()
      for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
    }
  }
}
