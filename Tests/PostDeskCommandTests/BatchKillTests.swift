import Foundation
import PostDeskTestSupport
import Registry
import Testing

/// Nothing lost, nothing twice: a real `postdesk letters print` process killed with SIGKILL
/// at many moments, resumed each time, ends with exactly the files of an uninterrupted run.
@Suite("letters print: kill -9 and resume")
struct BatchKillTests {
  typealias S = BatchTestSupport

  func start(_ mailing: String, _ out: String, db: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: S.binary)
    process.arguments = [
      "letters", "print", mailing, S.memoFolder, "--out", out, "--resume", "--quiet", "--checkpoint-every", "16",
      "--format", "html",
      "--templates", "\(S.root)/templates", "--memo-schema", S.memoSchema, "--db", db,
    ]
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    return process
  }

  @Test(.timeLimit(.minutes(5))) func killedAtManyPointsAndResumedGivesTheSameBatch() throws {
    let dir = try S.temporaryFolder("kill")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let db = "\(dir)/registry.sqlite"
    _ = try S.registry(at: db)
    let mailing = "\(dir)/mailing.jsonl"
    try S.writeMailing(600, at: mailing)

    let whole = try start(mailing, "\(dir)/whole", db: db)
    whole.waitUntilExit()
    #expect(whole.terminationStatus == 0)
    let expected = S.files("\(dir)/whole")
    #expect(expected.count > 500)

    var kills = 0
    var finished = false
    for attempt in 0..<60 where !finished {
      let process = try start(mailing, "\(dir)/killed", db: db)
      // Kill after a delay that grows with every attempt, so the kills land at start-up, in
      // the middle of chunks, at checkpoints and in the final phase, and the batch still ends.
      let delay = 0.03 + 0.04 * Double(attempt)
      let deadline = Date().addingTimeInterval(delay)
      while process.isRunning && Date() < deadline { usleep(2000) }
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        kills += 1
      }
      process.waitUntilExit()
      finished = process.terminationReason == .exit && process.terminationStatus == 0
    }
    #expect(finished)
    #expect(kills >= 5, "only \(kills) kills landed")
    let found = S.files("\(dir)/killed")
    #expect(found.keys.sorted() == expected.keys.sorted())
    #expect(found == expected)
  }
}
