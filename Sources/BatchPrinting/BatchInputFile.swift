import Crypto
import Foundation
import Registry

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
