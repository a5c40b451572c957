import Foundation
import PostDeskTestSupport
import Registry
import Testing

/// The batch folder belongs to one batch at a time and holds no links: a second
/// `postdesk letters print` into a folder in use is refused naming the first, and a resume
/// refuses a folder in which a link would send letters elsewhere.
@Suite("letters print: one batch per folder, no links")
struct BatchFolderGuardTests {
  typealias S = BatchTestSupport

  /// An HTML batch of `mailing` into `out` with `--resume`, as a process.
  static func start(_ mailing: String, _ out: String, db: String, standardError: Any = FileHandle.nullDevice) throws
    -> Process
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: S.binary)
    process.arguments = [
      "letters", "print", mailing, "--out", out, "--resume", "--quiet", "--checkpoint-every", "16", "--format", "html",
      "--templates", "\(S.root)/templates", "--memo-schema", S.memoSchema, "--db", db,
    ]
    process.standardError = standardError
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Waits up to 60 s for `path` to exist while `process` runs; whether it did.
  static func waitFor(_ path: String, while process: Process) -> Bool {
    let deadline = Date().addingTimeInterval(60)
    while !FileManager.default.fileExists(atPath: path) {
      guard process.isRunning, Date() < deadline else { return false }
      usleep(1000)
    }
    return true
  }

  @Test(.timeLimit(.minutes(3))) func aSecondBatchIntoAFolderInUseIsRefusedNamingTheFirst() throws {
    let dir = try S.temporaryFolder("lock")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let db = "\(dir)/registry.sqlite"
    _ = try S.registry(at: db)
    let mailing = "\(dir)/mailing.jsonl"
    try S.writeMailing(2000, at: mailing)
    let out = "\(dir)/out"
    let first = try Self.start(mailing, out, db: db)
    // Caught in the middle of its run (its journal is there) and held still there.
    #expect(Self.waitFor("\(out)/.batch/journal", while: first), "the first batch ended before it was caught")
    kill(first.processIdentifier, SIGSTOP)
    // Locks taken after the batch's list before it in /proc/locks (newest first), as on a busy
    // machine: its line then lies past the first 4 KB, where a short read of the file stopped.
    let later = try (0..<200).map { index in
      let fd = open("\(dir)/later-\(index)", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
      try #require(fd >= 0 && flock(fd, LOCK_EX) == 0)
      return fd
    }
    defer { for fd in later { close(fd) } }
    let second = try PostdeskProcess.run(
      [
        "letters", "print", mailing, "--out", out, "--resume", "--format", "html", "--templates",
        "\(S.root)/templates", "--memo-schema", S.memoSchema, "--db", db,
      ], in: URL(fileURLWithPath: dir))
    kill(first.processIdentifier, SIGCONT)
    #expect(second.status == 1, "\(second)")
    let pid = first.processIdentifier
    let pattern =
      #"^\#(out) is in use by another batch \(pid \#(pid), started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\); "#
      + #"wait for it to end, or choose another --out\n$"#
    #expect(second.stderr.range(of: pattern, options: .regularExpression) != nil, "\(second.stderr)")
    first.waitUntilExit()
    #expect(first.terminationStatus == 0)
    // The first batch is whole: what it wrote is what its manifest lists, as an undisturbed run.
    let alone = try Self.start(mailing, "\(dir)/alone", db: db)
    alone.waitUntilExit()
    let same = S.files(out) == S.files("\(dir)/alone")
    #expect(same)
  }

  @Test(.timeLimit(.minutes(3))) func twoBatchesStartedTogetherNeverBothRun() throws {
    let dir = try S.temporaryFolder("lock-race")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let db = "\(dir)/registry.sqlite"
    _ = try S.registry(at: db)
    let mailing = "\(dir)/mailing.jsonl"
    try S.writeMailing(300, at: mailing)
    for attempt in 0..<5 {
      let out = "\(dir)/out-\(attempt)"
      let pair = try [Self.start(mailing, out, db: db), Self.start(mailing, out, db: db)]
      for process in pair { process.waitUntilExit() }
      let statuses = pair.map(\.terminationStatus).sorted()
      // Both may succeed only one after the other (the second then finds the batch finished).
      if statuses == [0, 1] || statuses == [0, 0] {
        let alone = try Self.start(mailing, "\(dir)/alone-\(attempt)", db: db)
        alone.waitUntilExit()
        let same = S.files(out) == S.files("\(dir)/alone-\(attempt)")
        #expect(same, "attempt \(attempt)")
      } else {
        Issue.record("attempt \(attempt): exit statuses \(statuses)")
      }
    }
  }

  @Test(.timeLimit(.minutes(3))) func aResumeRefusesALinkInsideTheBatchFolder() throws {
    let dir = try S.temporaryFolder("links")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let db = "\(dir)/registry.sqlite"
    _ = try S.registry(at: db)
    let mailing = "\(dir)/mailing.jsonl"
    try S.writeMailing(2000, at: mailing)
    let out = "\(dir)/out"
    let first = try Self.start(mailing, out, db: db)
    #expect(Self.waitFor("\(out)/print", while: first), "the batch ended before it was caught")
    kill(first.processIdentifier, SIGKILL)
    first.waitUntilExit()
    // The print folder moved elsewhere and a link left in its place.
    let elsewhere = "\(dir)/elsewhere"
    try FileManager.default.moveItem(atPath: "\(out)/print", toPath: elsewhere)
    try FileManager.default.createSymbolicLink(atPath: "\(out)/print", withDestinationPath: elsewhere)
    let before = S.files(elsewhere)
    let resumed = try PostdeskProcess.run(
      [
        "letters", "print", mailing, "--out", out, "--resume", "--format", "html", "--templates",
        "\(S.root)/templates", "--memo-schema", S.memoSchema, "--db", db,
      ], in: URL(fileURLWithPath: dir))
    #expect(resumed.status == 1, "\(resumed)")
    #expect(
      resumed.stderr
        == "\(out)/print is a symbolic link; a batch folder holds no links (letters written through one "
        + "would land wherever it points): remove it, or choose another --out\n")
    let untouched = S.files(elsewhere) == before
    #expect(untouched)
    // A link deeper down is found too, and --overwrite refuses it as well.
    try FileManager.default.removeItem(atPath: "\(out)/print")
    try FileManager.default.createDirectory(atPath: "\(out)/print", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: "\(out)/print/8000", withDestinationPath: elsewhere)
    let overwritten = try PostdeskProcess.run(
      [
        "letters", "print", mailing, "--out", out, "--overwrite", "--format", "html", "--templates",
        "\(S.root)/templates", "--memo-schema", S.memoSchema, "--db", db,
      ], in: URL(fileURLWithPath: dir))
    #expect(overwritten.status == 1)
    #expect(overwritten.stderr.hasPrefix("\(out)/print/8000 is a symbolic link;"), "\(overwritten)")
    let stillUntouched = S.files(elsewhere) == before
    #expect(stillUntouched)
  }
}
