import ArgumentParser
import Foundation
import Registry

/// `postdesk audit`: the audit log of every change.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "Check the hash-chained audit log and the state it guards.",
    subcommands: [Verify.self, Head.self])

  /// `postdesk audit verify [--head FILE]`.
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Walk the audit chain and check the exemptions, accesses and decisions against it; exit 0 when all hold.",
      discussion:
        "A chain without a secret can be rebuilt whole by someone who can write the file: keep the output of "
        + "'postdesk audit head' elsewhere, and check against it with --head FILE.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions

    @Option(help: ArgumentHelp("A head written earlier by 'postdesk audit head'.", valueName: "file"))
    var head: String?

    func run() throws {
      try reportingFailures(messages.language) {
        let registry = try global.openRegistry()
        let noted = try head.map(NotedHead.read)
        switch try registry.verifyAuditChain() {
        case .intact(let count, let head):
          if let problem = try registry.verifyAuditedState() {
            throw CommandFailure(
              "the registry disagrees with its audit log: \(problem); restore the registry from a backup and report it")
          }
          if let noted {
            guard noted.count <= count else {
              throw CommandFailure(
                "audit log cut short: it has \(count) entries, but \(noted.count) were noted in \(self.head!); "
                  + "restore the registry from a backup and report it")
            }
            guard try registry.auditHash(ofEntry: noted.count) == noted.hash else {
              throw CommandFailure(
                "audit log rewritten: entry \(noted.count) no longer has the hash noted in \(self.head!); "
                  + "restore the registry from a backup and report it")
            }
          }
          print("audit log intact: \(count == 1 ? "1 entry holds" : "\(count) entries hold") (head \(head))")
        case .broken(let id, let reason):
          throw CommandFailure(
            "audit log broken at entry \(id): \(reason); restore the registry from a backup and report it")
        }
      }
    }
  }

  /// `postdesk audit head`.
  struct Head: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the audit log's head (entry count and hash), to keep elsewhere for 'audit verify --head'.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions

    func run() throws {
      try reportingFailures(messages.language) {
        switch try global.openRegistry().verifyAuditChain() {
        case .intact(let count, let head):
          print("\(count) \(head)")
        case .broken(let id, let reason):
          throw CommandFailure(
            "audit log broken at entry \(id): \(reason); restore the registry from a backup and report it")
        }
      }
    }
  }
}
