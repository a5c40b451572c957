import ArgumentParser
import BatchPrinting
import DigitalPost
import Documents
import Foundation
import PostDesk

/// `postdesk letters`: batches of letters for postal delivery.
struct LettersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "letters",
    abstract: "Print batches of letters: route each by the registry, render, and write a batch for the print shop.",
    subcommands: [LettersPrintCommand.self]
  )
}

extension DocumentFormat: ExpressibleByArgument {}
extension BatchPrintSettings.PostCategory: ExpressibleByArgument {}
