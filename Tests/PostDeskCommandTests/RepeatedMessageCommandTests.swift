import Foundation
import PostDeskTestSupport
import Testing

/// `postdesk letters print` says on standard error, even with `--quiet`, which message an
/// earlier batch printed, and prints it all the same.
@Suite("letters print: a message an earlier batch printed")
struct RepeatedMessageCommandTests {
  typealias S = BatchTestSupport

  @Test func theSecondBatchWarnsAndPrints() throws {
    let dir = try S.temporaryFolder("repeat-cli")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try S.registry(at: "\(dir)/registry.sqlite")
    for name in ["june", "july"] {
      try FileManager.default.createDirectory(atPath: "\(dir)/\(name)", withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        atPath: "\(S.memoFolder)/03-pdf-with-enclosure.xml", toPath: "\(dir)/\(name)/letter.xml")
    }
    func print(_ name: String) throws -> PostdeskProcess {
      try PostdeskProcess.run(
        [
          "letters", "print", name, "--out", "out-\(name)", "--quiet", "--format", "html", "--templates",
          "\(S.root)/templates", "--memo-schema", S.memoSchema, "--db", "registry.sqlite",
        ], in: URL(fileURLWithPath: dir))
    }
    let june = try print("june")
    #expect(june.status == 0, "\(june)")
    #expect(june.stderr == "")
    let july = try print("july")
    #expect(july.status == 0, "\(july)")
    #expect(
      july.stderr.hasPrefix("warning: letter 1 (july/letter.xml): the message 16FD2706-8BAF-433B-82EB-8C7FADA847DA "))
    #expect(
      july.stderr.hasSuffix(
        " (\(dir)/out-june), and is printed again; if it should not be, take it out of the mailing and print the batch again with --overwrite\n"
      ))
    #expect(FileManager.default.fileExists(atPath: "\(dir)/out-july/manifest.xml"))
  }
}
