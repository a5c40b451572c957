import Foundation
import Registry

/// The worker threads of a batch, alive for the whole batch: each keeps its register lookup
/// (one read transaction, the day's exemptions read once) open from job to job for as long
/// as the letters' routing date stays the same, instead of opening one per chunk.
///
/// The printer hands every lane a contiguous share of a chunk (`submit`), may read the next
/// chunk meanwhile, and collects the records in input order (`collect`).
final class BatchLanes: @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [[BatchItem]?]
  private var results: [Result<[BatchRecord], any Error>?]
  private var closed = false
  private let finished = DispatchGroup()
  /// Letters that print together; a lane's share is a multiple of it.
  private let block: Int
  /// Each lane reads the register through SQLite's own bounded cache, not a memory map: a
  /// mapped register counts every page a national mailing touches in the process's memory
  /// (1.2-1.6 GB at 5,000,000 citizens), where this keeps it flat at any mailing size, for
  /// about a third more time per look-up (a few seconds in a 256,000-letter batch).
  static let lookupMemory = LookupMemory.bounded(megabytes: 32)

  /// Starts `count` lanes on `registry`.
  init(count: Int, context: BatchContext, registry: Registry) {
    jobs = Array(repeating: nil, count: count)
    results = Array(repeating: nil, count: count)
    block = context.printBlock
    for index in 0..<count {
      finished.enter()
      let thread = Thread { [self] in
        run(index, BatchWorker(context: context, registry: registry))
        finished.leave()
      }
      // Rendering recurses through the template; give it a main thread's stack.
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  var count: Int { jobs.count }

  /// Hands out `items` in contiguous shares, one per lane, each a whole number of print
  /// blocks (see `BatchWorker.printPending`).
  func submit(_ items: [BatchItem]) {
    let blocks = (items.count + block - 1) / block
    let share = (blocks + count - 1) / count * block
    condition.lock()
    for index in 0..<count {
      let range = min(items.count, index * share)..<min(items.count, (index + 1) * share)
      jobs[index] = Array(items[range])
    }
    condition.broadcast()
    condition.unlock()
  }

  /// The records of the submitted chunk, in input order; rethrows a lane's error.
  func collect() throws -> [BatchRecord] {
    condition.lock()
    while results.contains(where: { $0 == nil }) { condition.wait() }
    let done = results
    results = Array(repeating: nil, count: count)
    condition.unlock()
    var records: [BatchRecord] = []
    for result in done { records += try result!.get() }
    return records
  }

  /// Stops the lanes once they are idle and waits for them.
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
    finished.wait()
  }

  private func take(_ index: Int) -> [BatchItem]? {
    condition.lock()
    defer { condition.unlock() }
    while jobs[index] == nil && !closed { condition.wait() }
    guard let job = jobs[index] else { return nil }
    jobs[index] = nil
    return job
  }

  private func publish(_ index: Int, _ result: Result<[BatchRecord], any Error>) {
    condition.lock()
    results[index] = result
    condition.broadcast()
    condition.unlock()
  }

  /// One lane: takes a job, routes its letters by date with one open lookup per run of the
  /// same date (across jobs), publishes the job's records sorted by sequence.
  private func run(_ index: Int, _ start: BatchWorker) {
    var worker = start
    var records: [BatchRecord] = []
    var letters: ArraySlice<(BatchItem, BatchLetter)> = []
    /// Publishes the job just finished and takes the next; false when the lanes are closed.
    func next() -> Bool {
      guard let job = take(index) else { return false }
      let prepared = worker.prepare(job)
      records = prepared.records
      letters = prepared.letters[...]
      return true
    }
    func publishDone() {
      do {
        records += try worker.printPending()
        publish(index, .success(records.sorted { $0.sequence < $1.sequence }))
      } catch {
        publish(index, .failure(error))
      }
      records = []
    }
    guard next() else { return }
    while true {
      guard let first = letters.first else {
        publishDone()
        guard next() else { return }
        continue
      }
      let date = worker.routingDate(first.1)
      do {
        let open = try registry(of: worker).withRecipientLookup(asOf: date, memory: Self.lookupMemory) {
          lookup -> Bool in
          while true {
            // A store where a look-up is a round trip reads this run's recipients together.
            if lookup.prefetches {
              lookup.prefetch(letters.prefix { worker.routingDate($0.1) == date }.map(\.1.recipient))
            }
            while let (item, letter) = letters.first, worker.routingDate(letter) == date {
              records += try worker.process(item, letter, lookup: lookup)
              letters.removeFirst()
            }
            if !letters.isEmpty { return true }
            publishDone()
            guard next() else { return false }
          }
        }
        if !open { return }
      } catch {
        publish(index, .failure(error))
        records = []
        letters = []
        worker.dropPending()
        guard next() else { return }
      }
    }
  }

  private func registry(of worker: BatchWorker) -> Registry { worker.registry }
}
