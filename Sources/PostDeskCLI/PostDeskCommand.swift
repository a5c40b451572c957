import ArgumentParser
import Documents

/// `postdesk`: the Digital Post desk of a Citizen Service Centre, from the command line.
@main
struct PostDeskCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "postdesk",
    abstract: "Digital Post exemptions, delegated access and paper letters for Citizen Service Centres.",
    version: "postdesk 0.1.0",
    subcommands: [
      CitizensCommand.self, ExemptionCommand.self, AccessCommand.self, LetterboxCommand.self, AuditCommand.self,
      NemIDCommand.self, RenderCommand.self, LettersCommand.self, ClerksCommand.self, ServeCommand.self,
      RegistryCommand.self,
    ]
  )
}
