import DigitalPost
import Foundation

/// The words of the desk and the command line in one language, read from the catalogue
/// bundled with the code (`Sources/PostDesk/Messages/LANG.json`, a resource of the package):
/// words live in these files, not in Swift, and every interface finds them without being told
/// where.
///
/// The file is a JSON object of sections, each an object of messages: `{"layout": {"navFind":
/// "Find a citizen"}}`, named `layout.navFind`. A message may hold placeholders `{name}`,
/// filled in by `text(_:_:)`. Pages read whole sections (`t:text="m.layout.navFind"`).
public struct MessageCatalogue: Sendable {
  /// The language of the words.
  public let language: Language
  /// Section → name → message.
  public let sections: [String: [String: String]]

  /// The catalogue of `language` bundled with the code, read once per process.
  public init(_ language: Language) {
    self = language == .da ? Self.danish : Self.english
  }

  /// Reads the catalogue at `path`, in `language`.
  public init(file path: String, language: Language) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CatalogueError("no message catalogue \(path)")
    }
    do {
      sections = try JSONDecoder().decode([String: [String: String]].self, from: data)
    } catch {
      throw CatalogueError(
        "\(path) is not a JSON object of sections of messages ({\"section\": {\"name\": \"text\"}}): \(error)")
    }
    self.language = language
  }

  /// The bundled catalogue's file for `language`.
  static func bundledFile(_ language: Language) -> String {
    Bundle.module.bundleURL.appendingPathComponent("Messages/\(language.rawValue).json").path
  }

  /// The bundled catalogues, read at their first use. A catalogue that cannot be read is a
  /// broken build or installation, not something a user can mend: it stops the program,
  /// saying which file.
  private static let danish = bundled(.da)
  private static let english = bundled(.en)

  private static func bundled(_ language: Language) -> MessageCatalogue {
    do { return try MessageCatalogue(file: bundledFile(language), language: language) } catch {
      fatalError("the bundled message catalogue cannot be read: \(error)")
    }
  }

  /// The message `key` (`section.name`) with each `{placeholder}` replaced by its argument.
  /// A message missing from the file shows as `⟦key⟧`, which the catalogue tests look for.
  public func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
    let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
    guard parts.count == 2, var text = sections[parts[0]]?[parts[1]] else { return "⟦\(key)⟧" }
    for (name, value) in arguments {
      text = text.replacingOccurrences(of: "{\(name)}", with: value)
    }
    return text
  }

  /// Whether the catalogue has message `key`.
  public func has(_ key: String) -> Bool {
    let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
    return parts.count == 2 && sections[parts[0]]?[parts[1]] != nil
  }

  /// `date` as the language writes it in a sentence: `30. november 2026`, `30 November 2026`.
  public func long(_ date: CivilDate) -> String {
    let months = text("date.months").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let month = months.indices.contains(date.month - 1) ? months[date.month - 1] : String(date.month)
    return text("date.long", ["day": String(date.day), "month": month, "year": String(date.year)])
  }
}

/// A message catalogue that cannot be read.
public struct CatalogueError: Error, CustomStringConvertible, Equatable {
  /// Which file cannot be read and why, in one line.
  public var description: String
  /// Makes an error whose message is `description`.
  public init(_ description: String) { self.description = description }
}
