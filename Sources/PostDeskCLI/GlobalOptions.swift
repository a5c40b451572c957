import ArgumentParser
import DigitalPost
import Foundation
import PostDesk
import Registry

/// Options every command shares: which registry, and what "today" and "now" are.
///
/// "Today" is the real date unless `POSTDESK_TODAY=YYYY-MM-DD` is set, and the audit
/// timestamp the real time unless `POSTDESK_NOW` (ISO-8601) is set: tests and replays
/// fix both so that output and audit log are the same on every run.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .customLong("db"),
    help: ArgumentHelp(
      "The registry: a SQLite file, or a PostgreSQL URL (postgresql://USER[:PASS]@HOST[:PORT]/DB).",
      discussion: "Default: $POSTDESK_DB, or postdesk.sqlite. See docs/postgresql.md for the URL's forms.",
      valueName: "path-or-url"),
    completion: .file(extensions: ["sqlite"]))
  var db: String?

  /// The registry path: `--db`, else `POSTDESK_DB`, else `postdesk.sqlite`.
  var databasePath: String {
    db ?? ProcessInfo.processInfo.environment["POSTDESK_DB"] ?? "postdesk.sqlite"
  }

  /// Today's date: `POSTDESK_TODAY`, else the local calendar date.
  func today() throws -> CivilDate {
    if let text = ProcessInfo.processInfo.environment["POSTDESK_TODAY"] {
      guard let date = CivilDate(iso: text) else {
        throw CommandFailure("POSTDESK_TODAY=\(text) is not a date of the form YYYY-MM-DD; fix or unset it")
      }
      return date
    }
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
  }

  /// The time audit entries are stamped with: `POSTDESK_NOW`, else the clock.
  func now() throws -> Date {
    guard let text = ProcessInfo.processInfo.environment["POSTDESK_NOW"] else { return Date() }
    let formatter = ISO8601DateFormatter()
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    throw CommandFailure("POSTDESK_NOW=\(text) is not an ISO-8601 time such as 2026-11-22T09:30:00Z; fix or unset it")
  }

  /// Opens an existing registry; only an import may create one, so a mistyped `--db` changes nothing.
  func openRegistry() throws -> Registry { try RegistryLocation(databasePath).openExisting() }

  /// Opens the registry, creating it on first use.
  func registry() throws -> Registry { try RegistryLocation(databasePath).open() }
}

/// A date typed on the command line, `YYYY-MM-DD`: one that is not a date of the calendar is a
/// usage error (exit 64, with the usage line), as every mistyped value is.
extension CivilDate: ExpressibleByArgument {
  /// The date `argument` names, `YYYY-MM-DD`; nil (a usage error) when it names none.
  public init?(argument: String) { self.init(iso: argument) }
}
