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
  let folder: String
  let batchID: String
  let asOf: CivilDate?
  let inputs: [BatchInputSummary]
  let journalPath: String
  let settings: BatchPrintSettings

  /// A paper letter's place in the print shop's order: postal-code group, then sequence.
  private struct PrintEntry {
    var group: Int
    var sequence: Int32
    var copy: String
  }

  /// Writes the lists and the manifest; returns the counts.
  func write() throws -> BatchCounts {
    var counts = BatchCounts()
    let undeliverable = try BatchStreamFile(folder: folder, name: "undeliverable.csv")
    let rejects = try BatchStreamFile(folder: folder, name: "rejects.csv")
    undeliverable.put("sequence,recipient,source,reason\n")
    rejects.put("sequence,source,reason\n")
    var groups: [String] = []
    var groupIndex: [String: Int] = [:]
    var entries: [PrintEntry] = []
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
          let index = groupIndex[d.group] ?? groups.count
          if index == groups.count {
            groups.append(d.group)
            groupIndex[d.group] = index
          }
          entries.append(PrintEntry(group: index, sequence: Int32(record.sequence), copy: d.copy))
        }
      }
    }
    let order = groups.indices.sorted { groups[$0] < groups[$1] }
    var rank = [Int](repeating: 0, count: groups.count)
    for (position, index) in order.enumerated() { rank[index] = position }
    entries.sort { a, b in
      rank[a.group] != rank[b.group] ? rank[a.group] < rank[b.group] : (a.sequence, a.copy) < (b.sequence, b.copy)
    }
    let index = try BatchStreamFile(folder: folder, name: "print/index.csv")
    index.put("position,postcode,sending_id,letter,print_order\n")
    for (position, entry) in entries.enumerated() {
      let name = BatchContext.name(Int(entry.sequence), entry.copy)
      let group = groups[entry.group]
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
    let recovered = BatchJournal.recover(path: journalPath)
    let reader = try BatchJournalReader(path: journalPath)
    while let records = reader.nextRecords(upTo: recovered.lastSequence) {
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
