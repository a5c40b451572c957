import DigitalPost
import Foundation
import PostDesk
import Synchronization

/// Where the web desk keeps the letters it produced: one folder per action under `root`, named
/// by an unguessable id, marked with the centre whose clerk made it, and removed once older
/// than the retention period.
///
/// Letters name citizens, a pre-filled form with the full CPR number: `root` and every folder
/// in it are the server user's only (0700), the files too (0600, `DocumentFile`). A letter is
/// served only to the clerks of the centre that made it (`centre(of:)`).
final class DocumentsFolder: Sendable {
  /// The folder holding one folder per action.
  let root: String
  /// How long a folder is kept after it was made.
  let retention: TimeInterval
  /// How often the old folders are looked for, at most: on start and when a folder is made.
  static let sweepInterval: TimeInterval = 60 * 60
  /// The file in each folder that names the centre of the clerk who made it; its time of
  /// change is the folder's age (a PDF printed later does not make the folder younger).
  static let marker = ".centre"

  private let lastSweep = Mutex(Date.distantPast)

  /// Makes `root` (or closes an existing one to others) and removes what is older than
  /// `retention` on `now`.
  init(root: String, retention: TimeInterval, now: Date) throws {
    self.root = root
    self.retention = retention
    try FileManager.default.createDirectory(
      atPath: root, withIntermediateDirectories: true,
      attributes: [.posixPermissions: Int(DocumentFile.folderPermissions)])
    guard chmod(root, DocumentFile.folderPermissions) == 0 else {
      throw WebDeskError.documentsFolder(root, String(cString: strerror(errno)))
    }
    sweepIfDue(now: now)
  }

  /// A new folder for the letters of one action by a clerk of `centre`, and its id.
  func make(for centre: MunicipalityCode, now: Date) throws -> (id: String, path: String) {
    sweepIfDue(now: now)
    let id = Token.random(bytes: 16)
    let path = "\(root)/\(id)"
    guard mkdir(path, DocumentFile.folderPermissions) == 0 else {
      throw WebDeskError.documentsFolder(path, String(cString: strerror(errno)))
    }
    try DocumentFile.write(Data(centre.description.utf8), to: "\(path)/\(Self.marker)")
    return (id, path)
  }

  /// The centre whose clerk made folder `id`; nil when there is no such folder, or it is not
  /// marked as the desk marks it (a symbolic link is never followed).
  func centre(of id: String) -> MunicipalityCode? {
    let descriptor = open("\(root)/\(id)/\(Self.marker)", O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    guard let data = try? file.read(upToCount: 8), let number = Int(String(decoding: data, as: UTF8.self)) else {
      return nil
    }
    return MunicipalityCode(number)
  }

  /// Removes folder `id` and what it holds.
  func remove(_ id: String) {
    try? FileManager.default.removeItem(atPath: "\(root)/\(id)")
  }

  /// Removes the folders made more than `retention` before `now`, unless that was done less
  /// than `sweepInterval` ago.
  func sweepIfDue(now: Date) {
    let due = lastSweep.withLock { last in
      guard now.timeIntervalSince(last) >= Self.sweepInterval else { return false }
      last = now
      return true
    }
    if due { sweep(now: now) }
  }

  /// Removes every folder made more than `retention` before `now`: its marker's time of change,
  /// or the folder's own for one that was never marked.
  func sweep(now: Date) {
    let manager = FileManager.default
    let limit = now.addingTimeInterval(-retention)
    for name in (try? manager.contentsOfDirectory(atPath: root)) ?? [] {
      let folder = "\(root)/\(name)"
      let made =
        (try? manager.attributesOfItem(atPath: "\(folder)/\(Self.marker)"))?[.modificationDate] as? Date
        ?? (try? manager.attributesOfItem(atPath: folder))?[.modificationDate] as? Date
      if let made, made < limit { try? manager.removeItem(atPath: folder) }
    }
  }
}
