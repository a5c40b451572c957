import Foundation
import PostDeskTestSupport
import Registry
import Testing

/// The PDF batch as a real `postdesk letters print` process: killed with SIGKILL and resumed
/// it ends with the files of an uninterrupted run and leaves no browser behind; a browser
/// killed under it is replaced and the batch goes on; without Chromium it says what to
/// install and writes nothing.
@Suite("letters print: PDF processes", .serialized)
struct BatchPDFKillTests {
  typealias S = BatchTestSupport

  /// A `postdesk letters print` of `mailing` into `out`, its environment marked with `mark`
  /// (so that its browsers can be found after it is gone).
  static func start(
    _ mailing: String, _ out: String, db: String, mark: String, environment: [String: String] = [:],
    standardError: Any = FileHandle.nullDevice
  ) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BatchTestSupport.binary)
    process.arguments = [
      "letters", "print", mailing, "--out", out, "--resume", "--quiet", "--checkpoint-every", "40",
      "--templates", "\(S.root)/templates", "--memo-schema", S.memoSchema, "--db", db,
    ]
    var env = ProcessInfo.processInfo.environment
    env["POSTDESK_TEST_MARK"] = mark
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardError = standardError
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// The processes whose environment carries `mark`.
  static func marked(_ mark: String) -> [Int32] {
    let needle = Data("POSTDESK_TEST_MARK=\(mark)\0".utf8)
    return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
      guard let pid = Int32(entry), let environ = FileManager.default.contents(atPath: "/proc/\(entry)/environ"),
        environ.range(of: needle) != nil
      else { return nil }
      // A zombie has left; only a live process counts.
      let stat = (try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8)) ?? ""
      return stat.contains(") Z ") ? nil : pid
    }
  }

  /// Waits up to `seconds` for no process to carry `mark`; the ones left.
  static func waitForNone(_ mark: String, seconds: Double = 10) -> [Int32] {
    let deadline = Date().addingTimeInterval(seconds)
    var left = marked(mark)
    while !left.isEmpty && Date() < deadline {
      usleep(100_000)
      left = marked(mark)
    }
    return left
  }

  /// A registry and a mailing of `letters` in a new folder, and the batch an uninterrupted
  /// run prints of it into `whole/`: the folder, the paths and the run's mark.
  static func printedWhole(_ name: String, letters: Int) throws -> (
    dir: String, db: String, mailing: String, mark: String
  ) {
    let dir = try S.temporaryFolder(name)
    let db = "\(dir)/registry.sqlite"
    _ = try S.registry(at: db)
    let mailing = "\(dir)/mailing.jsonl"
    try BatchTestSupport.writeMailing(letters, at: mailing)
    let mark = UUID().uuidString
    let whole = try start(mailing, "\(dir)/whole", db: db, mark: mark)
    whole.waitUntilExit()
    #expect(whole.terminationStatus == 0)
    return (dir, db, mailing, mark)
  }

  @Test(.timeLimit(.minutes(8))) func killedAndResumedGivesTheSamePDFsAndLeavesNoBrowser() throws {
    // Enough letters, and deadlines that grow slowly enough, that several kills land before
    // the batch is done on a fast machine too; each run still gets further than the last.
    let (dir, db, mailing, mark) = try Self.printedWhole("pdf-kill", letters: 320)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let expected = S.files("\(dir)/whole")
    #expect(expected.keys.filter { $0.hasSuffix(".pdf") }.count > 20)

    var kills = 0
    var finished = false
    for attempt in 0..<60 where !finished {
      let process = try Self.start(mailing, "\(dir)/killed", db: db, mark: mark)
      let deadline = Date().addingTimeInterval(0.8 + 0.15 * Double(attempt))
      while process.isRunning && Date() < deadline { usleep(5000) }
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        kills += 1
      }
      process.waitUntilExit()
      finished = process.terminationReason == .exit && process.terminationStatus == 0
      // Its browsers end with it, however it ends.
      #expect(Self.waitForNone(mark).isEmpty, "browsers left after attempt \(attempt)")
    }
    #expect(finished)
    #expect(kills >= 3, "only \(kills) kills landed")
    let found = S.files("\(dir)/killed")
    #expect(found.keys.sorted() == expected.keys.sorted())
    #expect(found == expected)
  }

  @Test(.timeLimit(.minutes(5))) func aBrowserKilledMidBatchIsReplacedAndTheBatchGoesOn() throws {
    let (dir, db, mailing, mark) = try Self.printedWhole("pdf-crash", letters: 200)
    defer { try? FileManager.default.removeItem(atPath: dir) }

    let process = try Self.start(mailing, "\(dir)/crash", db: db, mark: mark)
    // Once the first letters are printed, kill the browsers PostDesk started itself.
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline
      && ((try? FileManager.default.contentsOfDirectory(atPath: "\(dir)/crash/print")) ?? []).isEmpty
    {
      usleep(20_000)
    }
    var killed = 0
    for pid in Self.marked(mark) where pid != process.processIdentifier {
      let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
      let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
      // After the name: the state, then the parent's pid.
      if fields.count > 1, Int32(fields[1]) == process.processIdentifier {
        kill(pid, SIGKILL)
        killed += 1
      }
    }
    #expect(killed >= 1)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(S.files("\(dir)/crash") == S.files("\(dir)/whole"))
    #expect(Self.waitForNone(mark).isEmpty)
  }

  @Test func withoutChromiumItSaysWhatToInstallAndWritesNothing() throws {
    let dir = try S.temporaryFolder("pdf-absent")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let db = "\(dir)/registry.sqlite"
    _ = try S.registry(at: db)
    let pipe = Pipe()
    let process = try Self.start(
      S.mailing, "\(dir)/out", db: db, mark: UUID().uuidString,
      environment: ["CHROMIUM_PATH": "/nonexistent/chromium"], standardError: pipe)
    let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus != 0)
    #expect(
      message
        == "Chromium is not installed (looked for /nonexistent/chromium): run `apt-get install chromium`, "
        + "or name the executable with CHROMIUM_PATH. Or give --format html for HTML letters without PDF.\n")
    #expect(!FileManager.default.fileExists(atPath: "\(dir)/out"))
  }
}
