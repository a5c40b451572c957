import ArgumentParser
import DigitalPost
import Foundation
import PostDesk

/// `--lang da|en`: the language of the tool's messages and refusals (its help stays English).
///
/// Default `$POSTDESK_LANG`, else English: the command line's users are IT staff. The words
/// come from the same catalogues as the web desk's (bundled with the code: `MessageCatalogue`).
struct MessageOptions: ParsableArguments {
  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp(
      "The language of messages and refusals: da or en.", discussion: "Default: $POSTDESK_LANG, else en.",
      valueName: "da|en"))
  var lang: Language?

  /// `--lang`, else `POSTDESK_LANG`, else English.
  var language: Language { lang ?? Self.environmentLanguage }

  /// `POSTDESK_LANG` when it names a language, else English.
  static var environmentLanguage: Language {
    ProcessInfo.processInfo.environment["POSTDESK_LANG"].flatMap(Language.init(rawValue:)) ?? .en
  }

  /// Refusals worded for the command line in `language`.
  static func wording(_ language: Language) -> RefusalWording {
    RefusalWording(MessageCatalogue(language), for: .commandLine)
  }
}
