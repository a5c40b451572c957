import ArgumentParser
import Foundation
import Registry

/// `postdesk registry`: the registry as a whole.
struct RegistryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry", abstract: "Copy the whole registry between SQLite and PostgreSQL.",
    subcommands: [Copy.self])

  /// `postdesk registry copy FROM TO`.
  struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Copy a whole registry, history and audit log included, into a new one.",
      discussion:
        "FROM and TO are each a SQLite file or a PostgreSQL URL (postgresql://USER[:PASS]@HOST[:PORT]/DB, or "
        + "?host=/socket/dir for a Unix socket). TO must be new: a file that does not exist yet, or a database with "
        + "no registry in it. The copy's audit log is checked before the command ends.")

    @OptionGroup var messages: MessageOptions

    @Argument(help: ArgumentHelp("The registry to copy: a SQLite file or a PostgreSQL URL.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The new registry: a SQLite file or a PostgreSQL URL.", valueName: "to"))
    var to: String

    func run() throws {
      try reportingFailures(messages.language) {
        let source = try RegistryLocation(from)
        let target = try RegistryLocation(to)
        guard source != target else {
          throw CommandFailure("\(source) is both FROM and TO: copy into a new registry")
        }
        let registry = try source.openExisting()
        if case .sqlite(let path) = target, FileManager.default.fileExists(atPath: path) {
          throw CommandFailure("\(path) exists already: a copy goes into a new file; give the path of one")
        }
        let summary = try registry.copy(to: try target.open())
        // Opened anew: the copy's subject key is the copied one.
        let copy = try target.open()
        guard case .intact(let count, let head) = try copy.verifyAuditChain(), try copy.verifyAuditedState() == nil
        else {
          throw CommandFailure("the copy in \(target) does not verify: remove it and report it")
        }
        let rows = summary.rows.map { "\($0.table) \($0.count)" }.joined(separator: ", ")
        print(
          "copied \(source) to \(target) (rows: \(rows)); audit log intact: "
            + (count == 1 ? "1 entry holds" : "\(count) entries hold") + " (head \(head))")
      }
    }
  }
}
