import ArgumentParser
import DigitalPost
import PostDesk
import Registry

/// `postdesk clerks`: the clerk accounts of the web desk.
struct ClerksCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clerks", abstract: "Clerk accounts of the web desk ('postdesk serve').", subcommands: [Add.self])

  /// `postdesk clerks add ID --centre CODE [--admin]`, the password on standard input.
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a clerk account, or replace a clerk's centre, role and password.",
      discussion: """
        The password is the first line of standard input (at least \(ClerkAccounts.minimumPasswordLength) \
        characters), e.g. printf '%s\\n' "$PASSWORD" | postdesk clerks add mh --centre 751. \
        It is stored as a bcrypt hash; the audit log records the change as clerk 'system'.
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var messages: MessageOptions

    @Argument(help: "The clerk's id (user name or initials).")
    var id: String

    @Option(help: "The municipality code of the clerk's centre, e.g. 751.")
    var centre: String

    @Flag(help: "The clerk administers the desk.")
    var admin = false

    func run() throws {
      try reportingFailures(messages.language) {
        guard let centre = try parseCentre(centre) else { return }
        guard let password = readLine(strippingNewline: true), !password.isEmpty else {
          throw CommandFailure(
            "no password on standard input; pipe it in, e.g. printf '%s\\n' \"$PASSWORD\" | postdesk clerks add \(id) "
              + "--centre \(centre)")
        }
        let registry = try global.openRegistry()
        let change = try ClerkAccounts.add(
          id: id, centre: centre, admin: admin, password: password, registry: registry,
          actor: AuditActor(clerk: "system", centre: "000", at: try global.now()))
        let role = admin ? " (administrator)" : ""
        print("Clerk \(id) \(change == .created ? "added" : "updated") at centre \(centre)\(role)")
      }
    }
  }
}
