import Crypto
import Foundation
import Registry

#if canImport(Glibc)
  import Glibc
#endif

/// One input of a batch: a JSON Lines mailing or one MeMo message file.
public struct BatchInputFile: Sendable, Hashable {
  /// How the file is read.
  public enum Kind: String, Sendable, Hashable {
    /// One letter per line (`.jsonl`, `.ndjson`).
    case jsonLines = "jsonl"
    /// One MeMo message (`.xml`).
    case memo
  }

  /// The path as given (or found in a given folder): names the file in rejects and the manifest.
  public var path: String
  /// How it is read.
  public var kind: Kind

  /// Expands the command's arguments: files as given, folders to their `.xml`, `.jsonl` and
  /// `.ndjson` files by name (not recursive), in argument order.
  public static func expand(_ arguments: [String]) throws(BatchError) -> [BatchInputFile] {
    var files: [BatchInputFile] = []
    for argument in arguments {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
        throw BatchError("no input \(argument): give a .jsonl mailing, a MeMo .xml file or a folder of them")
      }
      if isFolder.boolValue {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted()
        let folder = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
        for name in names where !name.hasPrefix(".") {
          if let kind = kind(of: name) { files.append(BatchInputFile(path: "\(folder)/\(name)", kind: kind)) }
        }
      } else {
        guard let kind = kind(of: argument) else {
          throw BatchError("\(argument) is neither a JSON Lines mailing (.jsonl) nor a MeMo message (.xml)")
        }
        files.append(BatchInputFile(path: argument, kind: kind))
      }
    }
    guard !files.isEmpty else { throw BatchError("no letters to print: the inputs hold no .jsonl or .xml files") }
    // A device or a pipe (a link to /dev/zero, say) would never end: regular files only.
    for file in files {
      var info = stat()
      guard stat(file.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
        throw BatchError("\(file.path) is not a regular file; give mailings and MeMo messages as plain files")
      }
    }
    return files
  }

  static func kind(of name: String) -> Kind? {
    let lower = name.lowercased()
    if lower.hasSuffix(".xml") { return .memo }
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonLines }
    return nil
  }
}

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

/// Reads a JSON Lines file line by line through a fixed buffer: one line in memory at a time,
/// and never more than `maximumLength` bytes of one, so a hostile line cannot grow the batch.
final class BatchLineReader {
  /// A line: its text, or only the news that it is longer than a letter may be.
  enum Line: Equatable {
    case text([UInt8])
    case tooLong
  }

  /// The longest line a letter may have: a letter of a mailing is a few kilobytes.
  static let maximumLength = 1 << 20
  private let handle: UnsafeMutablePointer<FILE>
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)
  private var start = 0
  private var end = 0
  /// The 1-based number of the line last read.
  private(set) var lineNumber = 0

  init(path: String) throws(BatchError) {
    guard let handle = fopen(path, "rb") else { throw BatchError("cannot read \(path)") }
    self.handle = handle
  }

  deinit {
    fclose(handle)
  }

  /// The next line that is not blank, without its line break; nil at the end.
  func next() -> Line? {
    while true {
      var bytes: [UInt8] = []
      var tooLong = false
      var sawAnything = false
      while true {
        if start == end {
          end = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
          start = 0
          if end == 0 { break }
        }
        sawAnything = true
        let newline = buffer[start..<end].firstIndex(of: 10)
        let stop = newline ?? end
        if !tooLong {
          if bytes.count + (stop - start) > Self.maximumLength {
            tooLong = true
            bytes = []
          } else {
            bytes.append(contentsOf: buffer[start..<stop])
          }
        }
        start = newline.map { $0 + 1 } ?? end
        if newline != nil { break }
      }
      guard sawAnything else { return nil }
      lineNumber += 1
      if tooLong { return .tooLong }
      while let last = bytes.last, last == 13 || last == 32 || last == 9 { bytes.removeLast() }
      if !bytes.isEmpty { return .text(bytes) }
    }
  }
}

/// A failure of the batch as a whole (not of one letter): said in words the user can act on.
public struct BatchError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong and how to mend it.
  public var message: String
  /// Records a failure.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}
