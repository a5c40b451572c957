import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive lock on a batch folder, held for the whole of a run: two batches printing
/// into one folder at once would each write files the other's manifest does not list.
///
/// The lock is `flock` on the folder itself (opened read-only), not on a file in it: a lock
/// file would make an empty folder non-empty, would have to be removed at the end (and a
/// process that opened it just before could then lock a file that no longer has a name), and
/// would be one more name the print shop finds. The kernel drops the lock when the process
/// ends, however it ends, so a killed batch never leaves its folder locked. Who holds it is
/// read from `/proc/locks` (the holder's pid) and `/proc/PID/stat` (when it started).
final class BatchFolderLock {
  private let fd: Int32

  private init(fd: Int32) { self.fd = fd }

  deinit { close(fd) }

  /// Locks `folder`, or refuses naming who holds it. Nil when the folder does not exist and
  /// `create` is false (there is nothing to guard yet); with `create` the folder is made first.
  static func acquire(_ folder: String, create: Bool) throws(BatchError) -> BatchFolderLock? {
    if create {
      do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
        throw BatchError("cannot make the batch folder \(folder): \(error.localizedDescription)")
      }
    }
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else {
      if errno == ENOENT && !create { return nil }
      throw BatchError("cannot open the batch folder \(folder): \(String(cString: strerror(errno)))")
    }
    // A lock whose holder cannot be found is one on its way out: a batch that has just ended
    // in a process that was starting another program at that moment (the child holds the
    // lock's open file until it runs the program, which closes it). Asked again for up to a
    // second; a batch that runs holds its lock, and is named.
    var holder = ""
    for attempt in 0..<50 {
      if flock(fd, LOCK_EX | LOCK_NB) == 0 { return BatchFolderLock(fd: fd) }
      holder = Self.holder(of: fd)
      if holder != Self.unknownHolder || attempt == 49 { break }
      usleep(20_000)
    }
    close(fd)
    throw BatchError("\(folder) is in use by another batch (\(holder)); wait for it to end, or choose another --out")
  }

  /// What `holder(of:)` says when no process holds the lock any more.
  static let unknownHolder = "its process could not be found"

  /// `pid N, started YYYY-MM-DD hh:mm:ss UTC` of the process holding the lock on `fd`'s folder.
  static func holder(of fd: Int32) -> String {
    var status = stat()
    guard fstat(fd, &status) == 0, let locks = procFile("/proc/locks") else {
      return unknownHolder
    }
    // `1: FLOCK  ADVISORY  WRITE 1234 fd:01:56789 0 EOF`: device as major:minor in hex, then the inode.
    let device =
      "\(String(format: "%02x", Self.major(status.st_dev))):\(String(format: "%02x", Self.minor(status.st_dev)))"
    let inode = "\(device):\(status.st_ino)"
    for line in locks.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count >= 6, fields[1] == "FLOCK", fields[3] == "WRITE", fields[5] == inode,
        let pid = Int32(fields[4])
      else { continue }
      guard let started = startTime(of: pid) else { return "pid \(pid)" }
      return "pid \(pid), started \(started)"
    }
    return unknownHolder
  }

  /// The whole text of a file of /proc, read to its end: Foundation's `String(contentsOfFile:)`
  /// stops after 4,095 bytes of such a file (it reports no size), and /proc/locks holds a line
  /// for every lock on the machine, newest first (a batch's entry moves down as others come).
  static func procFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { return nil }
      if count == 0 { break }
      bytes += buffer[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// When process `pid` started, `YYYY-MM-DD hh:mm:ss UTC`: its start in clock ticks after boot
  /// (`/proc/PID/stat`, field 22) plus the boot time (`btime` of `/proc/stat`).
  static func startTime(of pid: Int32) -> String? {
    guard let stat = procFile("/proc/\(pid)/stat"),
      let close = stat.lastIndex(of: ")"),
      let system = procFile("/proc/stat"),
      let bootLine = system.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
      let boot = Double(bootLine.dropFirst(6))
    else { return nil }
    // Fields after the command name, which may hold spaces: state is field 3, start time 22.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
    let seconds = boot + ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
  }

  /// glibc's `major()` of a device number (a macro the Glibc module does not export).
  private static func major(_ device: dev_t) -> UInt64 {
    let d = UInt64(device)
    return ((d >> 8) & 0xfff) | ((d >> 32) & ~0xfff)
  }

  /// glibc's `minor()` of a device number.
  private static func minor(_ device: dev_t) -> UInt64 {
    let d = UInt64(device)
    return (d & 0xff) | ((d >> 12) & ~0xff)
  }
}
