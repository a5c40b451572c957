import BatchPrinting
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The progress of a batch on standard error: a bar redrawn in place on a terminal, a plain
/// line every few seconds otherwise, nothing when quiet.
final class ProgressMeter {
  private let quiet: Bool
  private let terminal = isatty(2) != 0
  private var lastLine = Date.distantPast
  private var drawn = false

  init(quiet: Bool) { self.quiet = quiet }

  func show(_ progress: BatchPrinter.Progress) {
    guard !quiet else { return }
    let now = Date()
    guard terminal || now.timeIntervalSince(lastLine) >= 5 || progress.done == progress.total else { return }
    lastLine = now
    let rate = progress.elapsed > 0 ? Double(progress.doneThisRun) / progress.elapsed : 0
    let left = rate > 0 ? Double(progress.total - progress.done) / rate : 0
    let percent = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 1
    let status =
      "\(progress.done)/\(progress.total) letters, \(Int(rate)) letters/s, \(Self.clock(left)) left"
    if terminal {
      let width = 30
      let filled = Int(percent * Double(width))
      let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
      FileHandle.standardError.write(Data("\r[\(bar)] \(status)\u{1B}[K".utf8))
      drawn = true
    } else {
      printError(status)
    }
  }

  func finish() {
    if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    drawn = false
  }

  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return String(format: "%d:%02d", s / 60, s % 60)
  }
}
