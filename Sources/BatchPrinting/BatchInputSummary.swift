import Crypto
import Foundation
import Registry

/// What the batch learnt of an input before printing: its digest and how many letters it holds.
struct BatchInputSummary: Sendable {
  var file: BatchInputFile
  var sha256: String
  var letters: Int

  /// Reads the file once, hashing it and counting its letters (non-blank lines of a mailing).
  static func read(_ file: BatchInputFile) throws(BatchError) -> BatchInputSummary {
    guard let handle = fopen(file.path, "rb") else { throw BatchError("cannot read \(file.path)") }
    defer { fclose(handle) }
    var hasher = SHA256()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var letters = 0
    var lineHasText = false
    while true {
      let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
      if count == 0 { break }
      buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
      if file.kind == .jsonLines {
        for byte in buffer[0..<count] {
          if byte == 10 {
            if lineHasText { letters += 1 }
            lineHasText = false
          } else if !(byte == 32 || byte == 9 || byte == 13) {
            lineHasText = true
          }
        }
      }
    }
    if lineHasText { letters += 1 }
    if file.kind == .memo { letters = 1 }
    return BatchInputSummary(file: file, sha256: hasher.finalize().hexadecimal(), letters: letters)
  }
}
