import DigitalPost
import Foundation

/// Reads and parses a CPR extract on its own thread while the importer writes: parsing
/// (CSV fields, CPR numbers, dates) costs about as much as SQLite's inserts, so on two cores
/// the two halves overlap. Batches come in file order; a bad row ends the stream with its
/// error, so the importer fails at exactly that line after writing what came before it
/// (inside a transaction that is then rolled back).
final class ParsedRows: @unchecked Sendable {
  // @unchecked: every stored property below is read and written only under `condition`.

  /// Parsed rows with their line numbers, or the end of the file, or what went wrong.
  enum Batch {
    case rows([(line: Int, citizen: Citizen)])
    case end(sha256: String)
    case failure(RegistryError)
  }

  private let condition = NSCondition()
  private var queue: [Batch] = []
  private var cancelled = false
  private static let capacity = 8
  private static let batchSize = 4096

  /// Starts parsing `path` on a new thread.
  init(path: String) {
    Thread.detachNewThread { [self] in produce(path: path) }
  }

  /// The next batch, waiting for the parser when it is behind.
  func next() -> Batch {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty { condition.wait() }
    let batch = queue.removeFirst()
    condition.signal()
    return batch
  }

  /// Tells the parser to stop: the importer failed and needs nothing more.
  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }

  /// Hands a batch over; false when the importer no longer wants any.
  private func put(_ batch: Batch) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while queue.count >= Self.capacity && !cancelled { condition.wait() }
    if cancelled { return false }
    queue.append(batch)
    condition.broadcast()
    return true
  }

  private func produce(path: String) {
    do {
      var lines = try CSVLines(path: path)
      func failure(_ reason: String) -> RegistryError { RegistryError("\(path):\(lines.lineNumber): \(reason)") }
      guard let headerLine = try lines.nextLine() else {
        _ = put(.failure(RegistryError("\(path): the file is empty")))
        return
      }
      let layout: CitizenCSV.Layout
      do throws(RegistryError) {
        layout = try CitizenCSV.Layout(header: try CSVLines.fields(headerLine).get())
      } catch {
        _ = put(.failure(failure(error.message)))
        return
      }
      var rows: [(line: Int, citizen: Citizen)] = []
      rows.reserveCapacity(Self.batchSize)
      while let line = try lines.nextLine() {
        if line.isEmpty { continue }
        do throws(RegistryError) {
          let fields = try CSVLines.fields(line) {
            layout.names.indices.contains($0) ? layout.names[$0] : "field \($0 + 1)"
          }
          .get()
          rows.append((lines.lineNumber, try CitizenCSV.citizen(fields, layout)))
        } catch {
          if !rows.isEmpty, !put(.rows(rows)) { return }
          _ = put(.failure(failure(error.message)))
          return
        }
        if rows.count == Self.batchSize {
          guard put(.rows(rows)) else { return }
          rows.removeAll(keepingCapacity: true)
        }
      }
      if !rows.isEmpty, !put(.rows(rows)) { return }
      _ = put(.end(sha256: lines.sha256))
    } catch let error as RegistryError {
      _ = put(.failure(error))
    } catch {
      _ = put(.failure(RegistryError("cannot read \(path): \(error)")))
    }
  }
}
