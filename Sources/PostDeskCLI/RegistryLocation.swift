import Foundation
import Registry
import RegistryPostgres

/// Where a registry is, as `--db`, `POSTDESK_DB` or `registry copy` name it: a SQLite file's
/// path, or a PostgreSQL database's URL (`postgresql://…`, docs/postgresql.md).
enum RegistryLocation: Equatable, CustomStringConvertible {
  case sqlite(path: String)
  case postgres(PostgresLocation)

  /// The location `text` names; a malformed PostgreSQL URL is refused with what is wrong.
  init(_ text: String) throws {
    if let location = try PostgresLocation(url: text) { self = .postgres(location) } else { self = .sqlite(path: text) }
  }

  /// The path, or the URL with its password masked: for messages.
  var description: String {
    switch self {
    case .sqlite(let path): path
    case .postgres(let location): location.description
    }
  }

  /// Opens the registry, creating it (the file, or the database's schema) on first use.
  func open() throws -> Registry {
    switch self {
    case .sqlite(let path): try Registry(path: path)
    case .postgres(let location): try Registry(store: PostgresStore(location))
    }
  }

  /// Opens a registry that exists: a SQLite path with no file is refused, so that a mistyped
  /// `--db` makes no new file (a PostgreSQL database is named on purpose; its schema is made
  /// on first use).
  func openExisting() throws -> Registry {
    if case .sqlite(let path) = self, !FileManager.default.fileExists(atPath: path) {
      throw CommandFailure(
        "no registry at \(path); import a CPR extract with 'postdesk citizens import FILE.csv' or give --db PATH")
    }
    return try open()
  }
}
