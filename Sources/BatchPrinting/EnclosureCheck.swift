import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Checks a PDF enclosure for print (`PrintablePDF`) in a process of its own,
/// `postdesk-pdf-check`, limited to `memoryMegabytes` of address space and `cpuSeconds` of CPU
/// time by the kernel (`setrlimit`) and to `wallSeconds` by this side: a 1 GB inflate bomb or a
/// page tree qpdf takes minutes over costs its letter, not the batch or the machine.
///
/// The helper is found beside the running executable (installed with `postdesk`, built with
/// it in `.build/…`), or where `POSTDESK_PDF_CHECK` says.
enum EnclosureCheck {
  /// The address space the check may use: qpdf and the PDF, with room for an honest enclosure
  /// of the 64 MB a MeMo message may hold.
  static let memoryMegabytes = 768
  /// The CPU time the check may use.
  static let cpuSeconds = 20
  /// The time the batch waits for it (a loaded machine shares its cores).
  static let wallSeconds = 60.0

  /// Why an enclosure cannot be printed: a sentence that follows the file's name.
  struct Problem: Error {
    var reason: String
  }

  /// The helper's path (where it was looked for), and whether it is there.
  static func helper(environment: [String: String] = ProcessInfo.processInfo.environment) -> (
    path: String, found: Bool
  ) {
    if let path = environment["POSTDESK_PDF_CHECK"], !path.isEmpty {
      return (path, FileManager.default.isExecutableFile(atPath: path))
    }
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    let beside = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(
      "postdesk-pdf-check"
    ).path
    return (beside, FileManager.default.isExecutableFile(atPath: beside))
  }

  /// The PDF written anew and its pages, or why it cannot be printed (a sentence that follows
  /// the file's name).
  static func check(_ pdf: [UInt8], maxPages: Int) -> Result<(pdf: [UInt8], pages: Int), Problem> {
    let (path, found) = helper()
    guard found else {
      return .failure(
        Problem(
          reason: "cannot be checked: postdesk-pdf-check is not at \(path); install it beside postdesk, "
            + "or name it with POSTDESK_PDF_CHECK"))
    }
    // The PDF goes in through a file with no name (its content may be personal data).
    var template = Array("\(FileManager.default.temporaryDirectory.path)/postdesk-enclosure-XXXXXX".utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else {
      return .failure(Problem(reason: "cannot be checked: no temporary file (\(String(cString: strerror(errno))))"))
    }
    unlink(template)
    let input = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    do {
      try BatchFileWriter.write(pdf, to: fd, "the enclosure's temporary file")
    } catch {
      return .failure(Problem(reason: "cannot be checked: \(error.message)"))
    }
    lseek(fd, 0, SEEK_SET)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = [
      "--max-pages", String(maxPages), "--memory-mb", String(memoryMegabytes), "--cpu-seconds", String(cpuSeconds),
    ]
    process.standardInput = input
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch {
      return .failure(
        Problem(reason: "cannot be checked: postdesk-pdf-check did not start (\(error.localizedDescription))"))
    }
    let watchdog = DispatchWorkItem { [pid = process.processIdentifier] in kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + wallSeconds, execute: watchdog)
    let answer = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    watchdog.cancel()
    guard process.terminationReason == .exit, process.terminationStatus == 0,
      let newline = answer.firstIndex(of: UInt8(ascii: "\n"))
    else {
      return .failure(
        Problem(
          reason:
            "could not be checked within \(cpuSeconds) s of CPU, \(Int(wallSeconds)) s and \(memoryMegabytes) MB "
            + "(an inflate bomb, or a PDF too large to print)"))
    }
    let head = String(decoding: answer[answer.startIndex..<newline], as: UTF8.self)
    if head.hasPrefix("printable "), let pages = Int(head.dropFirst("printable ".count)) {
      return .success(([UInt8](answer[(newline + 1)...]), pages))
    }
    let reason = head.hasPrefix("refused ") ? String(head.dropFirst("refused ".count)) : head
    if reason.contains("bad_alloc") {
      return .failure(
        Problem(
          reason:
            "needs more than \(memoryMegabytes) MB to read (an inflate bomb, or a PDF too large to print)"))
    }
    return .failure(Problem(reason: reason))
  }
}
