import Crypto
import DigitalPost
import Foundation
import Registry
import XMLTemplates

#if canImport(Glibc)
  import Glibc
#endif

/// The end of a batch: the lists `BatchTally` gathered (`undeliverable.csv`, `rejects.csv`,
/// `print/index.csv`) and `manifest.xml`, whose file list is copied from the journal in one
/// streaming pass; all synced. `manifest.xml` is written last: its presence marks the batch
/// finished.
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

  /// Finishes the lists `tally` gathered and writes the manifest; returns the counts.
  func write(_ tally: BatchTally) throws -> BatchCounts {
    let lists = try tally.finish(batchID: batchID)
    try writeManifest(counts: tally.counts, lists: lists)
    return tally.counts
  }

  private func writeManifest(counts: BatchCounts, lists: [BatchOutputFile]) throws {
    let x = XMLEscaping.attribute
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
      "  <print postCategory=\"\(settings.postCategory.rawValue)\" envelope=\"\(settings.envelope.rawValue)\" "
        + "sides=\"\(settings.sides.rawValue)\" colour=\"\(settings.colour.rawValue)\"/>\n")
    var letters = "  <letters total=\"\(counts.letters)\" rejected=\"\(counts.rejected)\""
    for outcome in BatchOutcome.routed { letters += " \(outcome.rawValue)=\"\(counts.byOutcome[outcome] ?? 0)\"" }
    put(letters + "/>\n")
    var deliveries = "  <deliveries"
    for channel in BatchChannel.allCases {
      deliveries += " \(channel.rawValue)=\"\(counts.deliveries[channel] ?? 0)\""
    }
    put(deliveries + "/>\n")
    put("  <files>\n")
    for file in lists { put("    <file name=\"\(x(file.name))\" sha256=\"\(file.sha256)\"/>\n") }
    try BatchJournalReader(path: journalPath).copyFileEntries(upTo: lastSequence, into: out)
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
      text += "\(name) \(BatchDigest.sha256(data))\n"
    }
    return BatchDigest.sha256(text)
  }
}
