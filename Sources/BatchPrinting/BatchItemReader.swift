import DigitalPost
import Foundation
import Registry
import XMLTemplates

/// Reads the letters of a batch's inputs in order, a chunk at a time: one line of a mailing
/// or one MeMo file in memory per letter, never the whole mailing.
struct BatchItemReader {
  private let files: [BatchInputFile]
  private let schema: XMLSchema?
  private var fileIndex = 0
  private var lines: BatchLineReader?
  private var sequence = 0
  private var skip: Int
  /// The MeMo messages read so far by `messageUUID` (lower case): the letter number and file.
  private var messages: [String: (sequence: Int, path: String)] = [:]
  /// Where an earlier batch's printing of a message is looked up, and this batch: its id and
  /// its folder (a resume or a re-run of the same batch into its folder is not a repeat; the
  /// same mailing printed into another folder is).
  private let printedBefore: ([String]) throws -> [String: PrintedMessage]
  private let batch: (id: String, folder: String)
  /// The messages read and accepted and not yet taken (`takeMessages`), by letter number.
  private var accepted: [Int: String] = [:]
  /// A warning per message an earlier batch printed, in letter order.
  private(set) var warnings: [String] = []

  /// A reader that passes over the first `skip` letters (done before a resume) unread.
  init(
    files: [BatchInputFile], skip: Int, schema: XMLSchema?, batch: (id: String, folder: String) = ("", ""),
    printedBefore: @escaping ([String]) throws -> [String: PrintedMessage] = { _ in [:] }
  ) {
    self.files = files
    self.skip = skip
    self.schema = schema
    self.batch = batch
    self.printedBefore = printedBefore
  }

  /// The messages of letters `sequences`, by letter number, forgotten here: what the batch
  /// notes as printed once those letters are journaled (the reader is a chunk ahead by then).
  mutating func takeMessages(_ sequences: [Int]) -> [Int: String] {
    var taken: [Int: String] = [:]
    for sequence in sequences { taken[sequence] = accepted.removeValue(forKey: sequence) }
    return taken
  }

  /// A warning for each of `read` (in letter order) that an earlier batch printed: one look
  /// in the registry for the whole chunk.
  private mutating func warnPrintedBefore(_ read: [(uuid: String, sequence: Int, path: String)]) throws {
    guard !read.isEmpty else { return }
    let earlier = try printedBefore(read.map(\.uuid))
    for (uuid, sequence, path) in read {
      guard let first = earlier[uuid.lowercased()], first.batchID != batch.id || first.folder != batch.folder else {
        continue
      }
      warnings.append(
        CPRNumber.maskingLookalikes(
          in: "letter \(sequence) (\(path)): the message \(uuid) was printed before, as letter \(first.letter) of "
            + "batch \(first.batchID.prefix(16)) (\(first.folder)), and is printed again; if it should not be, take "
            + "it out of the mailing and print the batch again with --overwrite"))
    }
  }

  /// Notes message `uuid` as letter `sequence` of `path`, unless an earlier letter has it.
  private mutating func remember(_ uuid: String, _ sequence: Int, _ path: String) {
    let key = uuid.lowercased()
    if messages[key] == nil { messages[key] = (sequence, path) }
  }

  /// The most bytes of mailing lines one chunk holds, whatever its count: a chunk of long
  /// lines is cut short so that memory stays flat.
  static let chunkBytes = 32 << 20

  /// Up to `count` next letters; empty at the end. A chunk cut short holds a whole number
  /// of `block`s all the same (a block of 40 lines of 1 MiB at most is 40 MiB more at most).
  mutating func next(_ count: Int, block: Int = 1) throws -> [BatchItem] {
    var items: [BatchItem] = []
    var bytes = 0
    var read: [(uuid: String, sequence: Int, path: String)] = []
    while items.count < count, bytes < Self.chunkBytes || items.count % block != 0, fileIndex < files.count {
      let file = files[fileIndex]
      switch file.kind {
      case .memo:
        fileIndex += 1
        sequence += 1
        if skip > 0 {
          // Passed over, but remembered: a repeat after the resume is refused as it was before.
          if let uuid = MeMoLetter.messageUUID(path: file.path), !uuid.isEmpty {
            remember(uuid, sequence, file.path)
          }
          skip -= 1
          continue
        }
        switch MeMoLetter.read(path: file.path, schema: schema) {
        case .success(let memo):
          if let first = memo.messageUUID.isEmpty ? nil : messages[memo.messageUUID.lowercased()] {
            let reason =
              "the message \(memo.messageUUID) is letter \(first.sequence) already (\(first.path)): one message is "
              + "sent once; give the other message a new messageUUID, or leave the copy out"
            let reject = BatchReject(source: file.path, reason: reason)
            items.append(BatchItem(sequence: sequence, source: file.path, content: .rejected(reject)))
            continue
          }
          if !memo.messageUUID.isEmpty {
            remember(memo.messageUUID, sequence, file.path)
            read.append((memo.messageUUID, sequence, file.path))
            accepted[sequence] = memo.messageUUID
          }
          items.append(BatchItem(sequence: sequence, source: file.path, content: .memo(memo)))
        case .failure(let reject):
          items.append(BatchItem(sequence: sequence, source: reject.source, content: .rejected(reject)))
        }
      case .jsonLines:
        if lines == nil { lines = try BatchLineReader(path: file.path) }
        guard let line = lines!.next() else {
          lines = nil
          fileIndex += 1
          continue
        }
        sequence += 1
        if skip > 0 {
          skip -= 1
          continue
        }
        let source = "\(file.path):\(lines!.lineNumber)"
        switch line {
        case .text(let text):
          bytes += text.count
          items.append(BatchItem(sequence: sequence, source: source, content: .jsonLine(text)))
        case .tooLong:
          let reason =
            "the line is longer than \(BatchLineReader.maximumLength) bytes; a letter's line holds at most that"
          items.append(
            BatchItem(
              sequence: sequence, source: source, content: .rejected(BatchReject(source: source, reason: reason))))
        }
      }
    }
    try warnPrintedBefore(read)
    return items
  }
}
