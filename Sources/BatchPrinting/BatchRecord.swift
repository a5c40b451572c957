import DigitalPost
import Foundation

/// A letter of the input that cannot be printed, and why.
struct BatchReject: Error, Sendable, Hashable {
  /// Where: `file:line`.
  var source: String
  /// What is wrong, in words the sender can act on; never a CPR number in clear, since
  /// the reason goes into `rejects.csv`.
  var reason: String

  init(source: String, reason: String) {
    self.source = source
    self.reason = CPRNumber.maskingLookalikes(in: reason)
  }
}

/// One letter of the input as read, before routing: its place in the batch and its content.
struct BatchItem: Sendable {
  enum Content: Sendable {
    /// One line of a JSON Lines mailing, unparsed (workers parse in parallel).
    case jsonLine([UInt8])
    /// A MeMo message, read and checked.
    case memo(MeMoLetter)
    /// Refused while reading.
    case rejected(BatchReject)
  }
  /// The 1-based position of the letter in the batch.
  var sequence: Int
  /// `file:line` (JSON Lines) or the file (MeMo).
  var source: String
  var content: Content
}

/// What became of one letter of the input, as the journal, the manifest and the summary name it.
public enum BatchOutcome: String, CaseIterable, Sendable {
  case paper, digital, held, undeliverable
  /// A child's letter, sent as copies to its custody holders.
  case custodyHolders = "custody-holders"
  /// Refused: `rejects.csv` says why.
  case rejected

  /// The outcomes of routed letters, in the manifest's order (the rejected are counted apart).
  public static let routed = allCases.filter { $0 != .rejected }

  /// The outcome of a letter routed to `channel`.
  init(_ channel: DeliveryChannel) {
    switch channel {
    case .digital: self = .digital
    case .paper: self = .paper
    case .heldForCollection: self = .held
    case .undeliverable: self = .undeliverable
    case .custodyHolders: self = .custodyHolders
    }
  }
}

/// The channel one copy of a letter went by, as the journal, the manifest and the summary name it.
public enum BatchChannel: String, CaseIterable, Sendable {
  case paper, digital, held, undeliverable
}

/// One copy of a letter as delivered: which channel, which files, and for the undeliverable why.
struct BatchDelivery: Sendable, Hashable {
  /// `""` for the letter itself, `"-1"`, `"-2"` for custody holders' copies (`"-1-1"` nested).
  var copy: String
  var channel: BatchChannel
  /// For paper the postal-code folder (`8000`, `abroad-ES`), for held the municipality.
  var group: String
  /// Output files relative to the batch folder, with their SHA-256.
  var files: [BatchOutputFile]
  /// For the undeliverable: the recipient, masked, and the reason.
  var recipient: String = ""
  var reason: String = ""
}

/// One output file and its digest.
struct BatchOutputFile: Sendable, Hashable {
  var name: String
  var sha256: String
}

/// What became of one input letter: rejected, or routed with its deliveries. The journal
/// holds one per letter; the manifest and the lists are built from them at the end.
struct BatchRecord: Sendable, Hashable {
  var sequence: Int
  var source: String
  var outcome: BatchOutcome
  /// For a reject, the reason.
  var reason: String = ""
  var deliveries: [BatchDelivery] = []

  /// The journal lines of this record, each ending in a line break.
  var journalLines: String {
    let f = JournalField.escaped
    var out = "L\t\(sequence)\t\(outcome.rawValue)\t\(f(source))\t\(f(reason))\n"
    for d in deliveries {
      out += "D\t\(sequence)\t\(d.copy)\t\(d.channel.rawValue)\t\(f(d.group))\t\(f(d.recipient))\t\(f(d.reason))"
      for file in d.files { out += "\t\(f(file.name))\t\(file.sha256)" }
      out += "\n"
    }
    return out
  }

  /// Parses the lines `journalLines` wrote, in order; nil when they are not such lines.
  static func parse(_ lines: [Substring]) -> [BatchRecord]? {
    var records: [BatchRecord] = []
    for line in lines {
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
      if parts.first == "L", parts.count == 5, let sequence = Int(parts[1]),
        let outcome = BatchOutcome(rawValue: String(parts[2]))
      {
        records.append(
          BatchRecord(
            sequence: sequence, source: JournalField.unescaped(parts[3]), outcome: outcome,
            reason: JournalField.unescaped(parts[4])))
      } else if parts.first == "D", parts.count >= 7, parts.count % 2 == 1, let sequence = Int(parts[1]),
        records.last?.sequence == sequence, let channel = BatchChannel(rawValue: String(parts[3]))
      {
        var files: [BatchOutputFile] = []
        var index = 7
        while index + 1 < parts.count {
          files.append(BatchOutputFile(name: JournalField.unescaped(parts[index]), sha256: String(parts[index + 1])))
          index += 2
        }
        records[records.count - 1].deliveries.append(
          BatchDelivery(
            copy: String(parts[2]), channel: channel, group: JournalField.unescaped(parts[4]), files: files,
            recipient: JournalField.unescaped(parts[5]), reason: JournalField.unescaped(parts[6])))
      } else {
        return nil
      }
    }
    return records
  }
}

/// The counts a manifest reports; they add up to the input letters.
struct BatchCounts: Sendable, Hashable {
  var letters = 0
  var rejected = 0
  /// Letters by the channel the letter itself was routed to.
  var byOutcome: [BatchOutcome: Int] = [:]
  /// Deliveries (custody holders' copies included) by channel.
  var deliveries: [BatchChannel: Int] = [:]

  mutating func add(_ record: BatchRecord) {
    letters += 1
    if record.outcome == .rejected { rejected += 1 } else { byOutcome[record.outcome, default: 0] += 1 }
    for delivery in record.deliveries { deliveries[delivery.channel, default: 0] += 1 }
  }
}
