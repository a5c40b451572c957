import BatchPrinting
import Foundation
import PostDeskTestSupport
import Registry
import Testing

/// One MeMo message under two file names is printed once: the second is rejected by its number.
/// A message an earlier batch printed is printed again, with a warning naming that batch.
@Suite("letters print: a repeated MeMo message")
final class BatchRepeatedMessageTests {
  typealias S = BatchTestSupport
  let dir: String
  let registry: Registry

  init() throws {
    dir = try S.temporaryFolder("repeated")
    registry = try S.registry(at: "\(dir)/registry.sqlite")
  }

  deinit { try? FileManager.default.removeItem(atPath: dir) }

  @Test func theSecondCopyOfAMessageIsRejected() throws {
    let folder = "\(dir)/memo"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let text = try String(contentsOfFile: "\(S.memoFolder)/03-pdf-with-enclosure.xml", encoding: .utf8)
    try text.write(toFile: "\(folder)/a.xml", atomically: true, encoding: .utf8)
    try text.write(toFile: "\(folder)/b.xml", atomically: true, encoding: .utf8)
    // The same UUID in lower case is the same message.
    try text.replacingOccurrences(
      of: "16FD2706-8BAF-433B-82EB-8C7FADA847DA", with: "16fd2706-8baf-433b-82eb-8c7fada847da"
    )
    .write(toFile: "\(folder)/c.xml", atomically: true, encoding: .utf8)
    let summary = try BatchPrinter(registry: registry, options: S.options([folder], "\(dir)/out")).run()
    #expect(summary.letters == 3)
    #expect(summary.rejected == 2)
    let reason = { (file: String) in
      "the message \(file) is letter 1 already (\(folder)/a.xml): one message is sent once; give the other "
    }
    let rejects = S.rows("\(dir)/out/rejects.csv")
    #expect(rejects.count == 2)
    #expect(rejects.first?.hasPrefix("2,\(folder)/b.xml,\"\(reason("16FD2706-8BAF-433B-82EB-8C7FADA847DA"))") == true)
    #expect(rejects.last?.hasPrefix("3,\(folder)/c.xml,\"\(reason("16fd2706-8baf-433b-82eb-8c7fada847da"))") == true)
  }

  static let uuid = "16FD2706-8BAF-433B-82EB-8C7FADA847DA"

  /// A folder `name` holding the sample message (`03-pdf-with-enclosure.xml`) as `file`, its
  /// UUID written as `uuid`.
  func mailing(_ name: String, _ file: String, uuid: String = uuid) throws -> String {
    let folder = "\(dir)/\(name)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let text = try String(contentsOfFile: "\(S.memoFolder)/03-pdf-with-enclosure.xml", encoding: .utf8)
    try text.replacingOccurrences(of: Self.uuid, with: uuid)
      .write(toFile: "\(folder)/\(file)", atomically: true, encoding: .utf8)
    return folder
  }

  @Test func aMessageAnEarlierBatchPrintedIsPrintedAgainWithAWarning() throws {
    let first = try BatchPrinter(registry: registry, options: S.options([try mailing("june", "a.xml")], "\(dir)/out1"))
      .run()
    #expect(first.warnings.isEmpty)
    #expect(
      try registry.printedMessage(Self.uuid)
        == PrintedMessage(uuid: Self.uuid, batchID: first.batchID, letter: 1, folder: "\(dir)/out1"))
    // The same message in another mailing, in lower case, as the second letter.
    let july = try mailing("july", "b.xml", uuid: Self.uuid.lowercased())
    _ = try mailing("july", "a.xml", uuid: "0B3F7C1E-2D4A-4E5F-8A6B-7C8D9E0F1A2B")
    let second = try BatchPrinter(registry: registry, options: S.options([july], "\(dir)/out2")).run()
    #expect(second.rejected == 0)
    #expect(
      second.warnings == [
        "letter 2 (\(july)/b.xml): the message 16fd2706-8baf-433b-82eb-8c7fada847da was printed before, as "
          + "letter 1 of batch \(first.batchID.prefix(16)) (\(dir)/out1), and is printed again; if it should not be, "
          + "take it out of the mailing and print the batch again with --overwrite"
      ])
    // The first printing is kept; the other message of July is noted as July's.
    #expect(try registry.printedMessage(Self.uuid)?.batchID == first.batchID)
    #expect(try registry.printedMessage("0b3f7c1e-2d4a-4e5f-8a6b-7c8d9e0f1a2b")?.letter == 1)
    #expect(try registry.printedMessage("0b3f7c1e-2d4a-4e5f-8a6b-7c8d9e0f1a2b")?.batchID == second.batchID)
  }

  @Test func theSameBatchPrintedAgainIsNoRepeat() throws {
    let june = try mailing("june", "a.xml")
    var options = S.options([june], "\(dir)/out")
    #expect(try BatchPrinter(registry: registry, options: options).run().warnings.isEmpty)
    options.overwrite = true
    #expect(try BatchPrinter(registry: registry, options: options).run().warnings.isEmpty)
  }

  @Test func aBusyRegistryIsSaidAndThePrintingGoesOn() throws {
    // Another writer (an import, say) holds the registry for the whole batch.
    let holder = try Registry(path: "\(dir)/registry.sqlite")
    let holding = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      try? holder.write(AuditActor(clerk: "import", centre: "751", at: Date(timeIntervalSince1970: 0))) { _ in
        holding.signal()
        release.wait()
      }
      done.signal()
    }
    holding.wait()
    defer {
      release.signal()
      done.wait()
    }
    let impatient = try Registry(path: "\(dir)/registry.sqlite", busyTimeout: 0.2)
    let summary = try BatchPrinter(
      registry: impatient, options: S.options([try mailing("june", "a.xml")], "\(dir)/out")
    )
    .run()
    #expect(summary.letters == 1)
    #expect(summary.rejected == 0)
    #expect(
      summary.warnings == [
        "the registry was busy, so the messages this batch printed (1) were not noted as printed; a later batch "
          + "that repeats one is not warned"
      ])
  }
}
