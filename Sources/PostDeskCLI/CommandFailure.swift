import ArgumentParser
import DigitalPost
import Foundation
import PostDesk
import Registry

/// A failure the user can act on: printed as one line on stderr, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
  var message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
}

/// Runs a command body and turns every failure into one line on stderr and a non-zero exit;
/// the domain's and the desk's refusals in the words of `language`'s catalogue.
func reportingFailures(_ language: Language = MessageOptions.environmentLanguage, _ body: () throws -> Void) throws {
  do { try body() } catch let failure as CommandFailure {
    printError(failure.message)
    throw ExitCode.failure
  } catch let error as RegistryError {
    printError(error.worded(MessageOptions.wording(language).words))
    throw ExitCode.failure
  } catch let error as ExitCode {
    throw error
  } catch let error as DomainError {
    printError(MessageOptions.wording(language).words(error))
    throw ExitCode.failure
  } catch let error as DeskError {
    printError(MessageOptions.wording(language).words(error))
    throw ExitCode.failure
  } catch let error as CPRNumber.ParseError {
    printError(MessageOptions.wording(language).words(error))
    throw ExitCode.failure
  } catch let error as ClerkAccounts.Refusal {
    printError(MessageOptions.wording(language).words(error))
    throw ExitCode.failure
  } catch {
    printError("\(error)")
    throw ExitCode.failure
  }
}

/// Writes one line to standard error.
func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
