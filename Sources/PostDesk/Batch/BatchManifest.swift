import Crypto
import DigitalPost
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The end of a batch: the lists (`undeliverable.csv`, `rejects.csv`, `print/index.csv`)
/// and `manifest.xml`, all made from the journal in two streaming passes, then synced.
/// `manifest.xml` is written last: its presence marks the batch finished.
struct BatchManifest {
  /// The manifest's namespace.
  static let namespace = "urn:postdesk:batch:1"
  let folder: String
  let batchID: String
  let asOf: CivilDate?
  let inputs: [BatchInputSummary]
  let journalPath: String
  /// The last letter of the journal's trusted part: the end of the batch.
  let lastSequence: Int
  let settings: BatchPrintSettings

  /// Writes the lists and the manifest; returns the counts.
  func write() throws -> BatchCounts {
    var counts = BatchCounts()
    let undeliverable = try BatchStreamFile(folder: folder, name: "undeliverable.csv")
    let rejects = try BatchStreamFile(folder: folder, name: "rejects.csv")
    undeliverable.put("sequence,recipient,source,reason\n")
    rejects.put("sequence,source,reason\n")
    // A paper letter's place in the print shop's order, packed in 8 bytes so that the
    // list of 256,000 costs 2 MB: group (16 bits), letter number (32), copy (16).
    var groups = BatchNames()
    var copies = BatchNames()
    var entries: [UInt64] = []
    let c = BatchSupport.csv
    try forEachRecord { record in
      counts.add(record)
      if record.outcome == "rejected" {
        rejects.put("\(record.sequence),\(c(record.source)),\(c(record.reason))\n")
      }
      for d in record.deliveries {
        let name = BatchContext.name(record.sequence, d.copy)
        if d.channel == "undeliverable" {
          undeliverable.put("\(name),\(c(d.recipient)),\(c(record.source)),\(c(d.reason))\n")
        } else if d.channel == "paper" {
          let group = UInt64(groups.index(d.group))
          let copy = UInt64(copies.index(d.copy))
          entries.append(group << 48 | UInt64(record.sequence) << 16 | copy)
        }
      }
    }
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
        "\(position + 1),\(group),\(batchID.prefix(16))-\(name),print/\(group)/\(name).html,print/\(group)/\(name).xml\n"
      )
    }
    entries = []
    let lists = [try index.finish(), try undeliverable.finish(), try rejects.finish()]
    try writeManifest(counts: counts, lists: lists)
    return counts
  }

  private func forEachRecord(_ body: (BatchRecord) throws -> Void) throws {
    let reader = try BatchJournalReader(path: journalPath)
    while let records = reader.nextRecords(upTo: lastSequence) {
      for record in records { try body(record) }
    }
  }

  private func writeManifest(counts: BatchCounts, lists: [BatchOutputFile]) throws {
    let x = BatchSupport.xml
    let path = "\(folder)/manifest.xml"
    let temporary = "\(folder)/.manifest.xml.partial"
    guard let out = fopen(temporary, "wb") else { throw BatchError("cannot write \(temporary)") }
    func put(_ text: String) { fputs(text, out) }
    put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    put("<batch xmlns=\"urn:postdesk:batch:1\" id=\"\(batchID)\" asOf=\"\(asOf?.iso ?? "letter-date")\">\n")
    put("  <inputs>\n")
    for input in inputs {
      put(
        "    <input name=\"\(x(input.file.path))\" format=\"\(input.file.kind.rawValue)\" letters=\"\(input.letters)\" "
          + "sha256=\"\(input.sha256)\"/>\n")
    }
    put("  </inputs>\n")
    put(
      "  <print postCategory=\"\(x(settings.postCategory))\" envelope=\"\(settings.envelope)\" "
        + "sides=\"\(settings.sides)\" colour=\"\(settings.colour)\"/>\n")
    var letters = "  <letters total=\"\(counts.letters)\" rejected=\"\(counts.rejected)\""
    for outcome in BatchCounts.outcomes { letters += " \(outcome)=\"\(counts.byOutcome[outcome] ?? 0)\"" }
    put(letters + "/>\n")
    var deliveries = "  <deliveries"
    for channel in BatchCounts.channels { deliveries += " \(channel)=\"\(counts.deliveries[channel] ?? 0)\"" }
    put(deliveries + "/>\n")
    put("  <files>\n")
    for file in lists { put("    <file name=\"\(x(file.name))\" sha256=\"\(file.sha256)\"/>\n") }
    try forEachRecord { record in
      for delivery in record.deliveries {
        for file in delivery.files {
          put("    <file name=\"\(x(file.name))\" sha256=\"\(file.sha256)\"/>\n")
        }
      }
    }
    put("  </files>\n</batch>\n")
    let fd = fileno(out)
    fflush(out)
    fsync(fd)
    fclose(out)
    guard rename(temporary, path) == 0 else { throw BatchError("cannot rename \(temporary) to \(path)") }
    BatchJournal.syncFolder(folder)
  }

  /// The SHA-256 of every file under the templates folder, by relative path: a change of
  /// letterhead or wording makes another batch.
  static func templatesDigest(_ folder: String) -> String {
    let fm = FileManager.default
    let names = ((fm.subpaths(atPath: folder)) ?? []).sorted()
    var text = ""
    for name in names {
      guard let data = fm.contents(atPath: "\(folder)/\(name)") else { continue }
      text += "\(name) \(BatchSupport.sha256(data))\n"
    }
    return BatchSupport.sha256(text)
  }
}

/// A list written line by line under a temporary name, hashed as it goes, then synced and
/// renamed: bounded memory whatever its length.
final class BatchStreamFile {
  let name: String
  private let path: String
  private let temporary: String
  private let out: UnsafeMutablePointer<FILE>
  private var hasher = SHA256()

  init(folder: String, name: String) throws {
    self.name = name
    path = "\(folder)/\(name)"
    let directory = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    temporary = "\(directory)/.\((path as NSString).lastPathComponent).partial"
    guard let out = fopen(temporary, "wb") else { throw BatchError("cannot write \(temporary)") }
    self.out = out
  }

  func put(_ text: String) {
    let bytes = Array(text.utf8)
    hasher.update(data: bytes)
    bytes.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, out) }
  }

  /// Syncs and renames the file; returns its name and digest.
  func finish() throws -> BatchOutputFile {
    fflush(out)
    fsync(fileno(out))
    fclose(out)
    guard rename(temporary, path) == 0 else { throw BatchError("cannot rename \(temporary) to \(path)") }
    BatchJournal.syncFolder((path as NSString).deletingLastPathComponent)
    return BatchOutputFile(name: name, sha256: BatchSupport.hex(hasher.finalize()))
  }
}

/// A small set of names numbered in order of first appearance (postal-code groups, copies).
struct BatchNames {
  private var names: [String] = []
  private var numbers: [String: Int] = [:]

  /// The number of `name`, given one on first sight.
  mutating func index(_ name: String) -> Int {
    if let number = numbers[name] { return number }
    numbers[name] = names.count
    names.append(name)
    return names.count - 1
  }

  /// The names in order.
  var sorted: [String] { names.sorted() }

  /// For each number, the name's place in `sorted`.
  func ranks() -> [Int] {
    var rank = [Int](repeating: 0, count: names.count)
    for (position, index) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() {
      rank[index] = position
    }
    return rank
  }
}
