import Foundation

/// The counts and lists of a batch (`undeliverable.csv`, `rejects.csv`, `print/index.csv`),
/// gathered checkpoint by checkpoint while the lanes work, so that the end of a batch does
/// not read the whole journal back to make them. A resume first feeds it the journal's
/// trusted part, so the lists come out the same however often a batch was interrupted.
///
/// The two CSV lists are written as they grow (under temporary names, renamed at `finish`);
/// the print shop's order needs every paper letter before it can be sorted, so it is kept as
/// one 8-byte integer a letter (2 MB for 256,000) and written at `finish`.
final class BatchTally {
  private(set) var counts = BatchCounts()
  private let undeliverable: BatchStreamFile
  private let rejects: BatchStreamFile
  /// A paper letter's place in the print shop's order: group (16 bits), letter number (32),
  /// copy (16).
  private var groups = BatchNames()
  private var copies = BatchNames()
  private var entries: [UInt64] = []
  private let folder: String
  /// The letters' file suffix (`pdf` or `html`), as `print/index.csv` names the files.
  private let letterSuffix: String

  /// Starts the lists in `folder` (a temporary file left by an interrupted run is replaced),
  /// for letters written as `NNNNNN.letterSuffix`.
  init(folder: String, letterSuffix: String) throws {
    self.folder = folder
    self.letterSuffix = letterSuffix
    undeliverable = try BatchStreamFile(folder: folder, name: "undeliverable.csv")
    rejects = try BatchStreamFile(folder: folder, name: "rejects.csv")
    undeliverable.put("sequence,recipient,source,reason\n")
    rejects.put("sequence,source,reason\n")
  }

  /// Counts and lists the records of one checkpoint, in sequence order.
  func add(_ records: [BatchRecord]) {
    let c = CSVField.escaped
    for record in records {
      counts.add(record)
      if record.outcome == .rejected {
        rejects.put("\(record.sequence),\(c(record.source)),\(c(record.reason))\n")
      }
      for d in record.deliveries {
        if d.channel == .undeliverable {
          let name = BatchContext.name(record.sequence, d.copy)
          undeliverable.put("\(name),\(c(d.recipient)),\(c(record.source)),\(c(d.reason))\n")
        } else if d.channel == .paper {
          let group = UInt64(groups.index(d.group))
          let copy = UInt64(copies.index(d.copy))
          entries.append(group << 48 | UInt64(record.sequence) << 16 | copy)
        }
      }
    }
  }

  /// Feeds the records of the journal's trusted part (a resume).
  func add(journal path: String, upTo last: Int) throws {
    let reader = try BatchJournalReader(path: path)
    while let records = reader.nextRecords(upTo: last) { add(records) }
  }

  /// Writes the print shop's order, closes the lists; returns the three files with their digests.
  func finish(batchID: String) throws -> [BatchOutputFile] {
    // Re-number groups and copies in name order, then one integer sort gives the order.
    let groupRank = groups.ranks()
    let copyRank = copies.ranks()
    for i in entries.indices {
      let e = entries[i]
      entries[i] = UInt64(groupRank[Int(e >> 48)]) << 48 | (e & 0xFFFF_FFFF_0000) | UInt64(copyRank[Int(e & 0xFFFF)])
    }
    entries.sort()
    let groupNames = groups.sorted
    let copyNames = copies.sorted
    let index = try BatchStreamFile(folder: folder, name: "print/index.csv")
    index.put("position,postcode,sending_id,letter,print_order\n")
    for (position, entry) in entries.enumerated() {
      let name = BatchContext.name(Int(entry >> 16 & 0xFFFF_FFFF), copyNames[Int(entry & 0xFFFF)])
      let group = groupNames[Int(entry >> 48)]
      index.put(
        "\(position + 1),\(group),\(batchID.prefix(16))-\(name),print/\(group)/\(name).\(letterSuffix),print/\(group)/\(name).xml\n"
      )
    }
    entries = []
    return [try index.finish(), try undeliverable.finish(), try rejects.finish()]
  }
}
