import DigitalPost
import Foundation

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
