import CLibXML2
import Foundation

extension TemplateCompiler {
  /// Replaces the including element with the element of that id in another template,
  /// resolved relative to the including file and compiled in the current scope.
  mutating func compileInclude(_ entry: TemplateAttributes.Entry, from file: TemplateFile, into ops: inout OpList) {
    let value = entry.value
    guard let hash = value.lastIndex(of: "#"), value.index(after: hash) < value.endIndex else {
      report(
        entry.location,
        "t:include=\"\(value)\" needs an id (write t:include=\"FILE#ID\", for example layout.xhtml#footer)")
      return
    }
    let target = String(value[..<hash])
    let id = String(value[value.index(after: hash)...])
    let targetPath = target.isEmpty ? file.path : PathResolution.relative(target, to: file.path)
    let key = Self.key(for: targetPath) + "#" + id
    if let start = includeStack.firstIndex(of: key) {
      let cycle = (includeStack[start...] + [key]).map { PathResolution.lastComponent(of: $0) }
      report(
        entry.location,
        "include cycle \(cycle.joined(separator: " → ")) (an included element must not include itself, "
          + "directly or through others)")
      return
    }
    let resolved = PathResolution.resolved(targetPath)
    guard resolved.hasPrefix(includeFolder.hasSuffix("/") ? includeFolder : includeFolder + "/") else {
      report(
        entry.location,
        "cannot include \(value): \(targetPath) is outside the templates folder \(includeFolder) "
          + "(a template includes only from its own templates folder)")
      return
    }
    guard let targetFile = loadIncluded(targetPath, entry: entry) else { return }
    guard let element = targetFile.ids[id] else {
      let hint =
        Suggestion.closest(to: id, among: Array(targetFile.ids.keys).sorted()).map { " (did you mean \($0)?)" }
        ?? " (give the element id=\"\(id)\")"
      report(entry.location, "cannot include \(value): no element with id=\"\(id)\" in \(targetPath)\(hint)")
      return
    }
    includeStack.append(key)
    compileElement(element, in: targetFile, into: &ops)
    includeStack.removeLast()
  }

  private mutating func loadIncluded(_ path: String, entry: TemplateAttributes.Entry) -> TemplateFile? {
    let key = Self.key(for: path)
    if let file = files[key] { return file }
    guard let data = FileManager.default.contents(atPath: path) else {
      report(
        entry.location,
        "cannot include \(entry.value): no template file at \(path) (paths are relative to the including template)")
      return nil
    }
    do {
      let file = try TemplateFile(path: path, bytes: [UInt8](data), encoding: nil)
      files[key] = file
      return file
    } catch {
      diagnostics.append(contentsOf: error.diagnostics)
      return nil
    }
  }
}

/// Path arithmetic for includes, done on strings so messages show paths as the author wrote them.
enum PathResolution {
  /// `target` relative to the directory of `file`, with `.` and `..` folded away.
  static func relative(_ target: String, to file: String) -> String {
    if target.hasPrefix("/") { return normalized(target) }
    let directory = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    return normalized(directory.isEmpty ? target : directory + "/" + target)
  }

  /// Folds `.` and `..` out of a path without touching the file system.
  static func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    let joined = parts.joined(separator: "/")
    return path.hasPrefix("/") ? "/" + joined : joined
  }

  /// The absolute form of a path, against the current directory.
  static func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? normalized(path) : normalized(FileManager.default.currentDirectoryPath + "/" + path)
  }

  /// The absolute form of a path with symbolic links followed, for checking where it really is.
  static func resolved(_ path: String) -> String {
    URL(fileURLWithPath: absolute(path)).resolvingSymlinksInPath().path
  }

  /// The file name and id of an include key, for short cycle messages.
  static func lastComponent(of key: String) -> String {
    String(key.split(separator: "/").last ?? Substring(key))
  }
}
