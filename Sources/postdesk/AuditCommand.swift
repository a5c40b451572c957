import ArgumentParser
import Registry

/// `postdesk audit`: the audit log of every change.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "Check the hash-chained audit log.", subcommands: [Verify.self])

  /// `postdesk audit verify`.
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Walk the audit chain; exit 0 when every entry holds, 1 naming the first that does not.",
      discussion:
        "Note the head hash elsewhere: a chain without a secret can be rebuilt whole by someone who can write the file."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
      try reportingFailures {
        switch try global.openRegistry().verifyAuditChain() {
        case .intact(let count, let head):
          print("audit log intact: \(count == 1 ? "1 entry holds" : "\(count) entries hold") (head \(head))")
        case .broken(let id, let reason):
          throw CommandFailure(
            "audit log broken at entry \(id): \(reason); restore the registry from a backup and report it")
        }
      }
    }
  }
}
