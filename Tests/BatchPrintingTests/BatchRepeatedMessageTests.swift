import BatchPrinting
import Foundation
import PostDeskTestSupport
import Registry
import Testing

/// One MeMo message under two file names is printed once: the second is rejected by its number.
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
}
