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
  /// Every message by its whole key (`section.name`), for `text(_:_:)`: one look-up of the key
  /// as it is, where splitting it and looking up both halves cost a citizen page more.
  private let messages: [String: String]
  /// The month names of `date.months` (cut at its commas, trimmed) and the pattern `date.long`
  /// cut at its placeholders, read once for `long(_:)`: a citizen page writes several dates.
  private let months: [String]
  private let longPattern: [DatePiece]

  /// A part of the pattern `date.long`: text as it is, or where the day, month or year goes.
  private enum DatePiece: Sendable {
    case text(String)
    case day, month, year
  }

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
    var messages: [String: String] = [:]
    for (section, names) in sections {
      for (name, text) in names { messages["\(section).\(name)"] = text }
    }
    self.messages = messages
    months = (messages["date.months"] ?? "⟦date.months⟧").split(separator: ",").map(Self.trimmed)
    longPattern = Self.pieces(messages["date.long"] ?? "⟦date.long⟧")
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
    guard let text = message(key) else { return "⟦\(key)⟧" }
    return arguments.isEmpty ? text : Self.filled(text, arguments)
  }

  /// Message `key` as written in the file; nil when it has none.
  private func message(_ key: String) -> String? { messages[key] }

  /// Whether the catalogue has message `key`.
  public func has(_ key: String) -> Bool {
    message(key) != nil
  }

  /// `date` as the language writes it in a sentence: `30. november 2026`, `30 November 2026`.
  ///
  /// From the months and the pattern's pieces read once, with no placeholder looked for or
  /// looked up: a citizen page writes a handful of dates, and read and filled anew each time
  /// they took a tenth of its time (issue 25); filled as a template (`filled(_:_:)`) still a
  /// twentieth.
  public func long(_ date: CivilDate) -> String {
    var result = ""
    result.reserveCapacity(24)
    for piece in longPattern {
      switch piece {
      case .text(let text): result += text
      case .day: result += String(date.day)
      case .month: result += months.indices.contains(date.month - 1) ? months[date.month - 1] : String(date.month)
      case .year: result += String(date.year)
      }
    }
    return result
  }

  /// `pattern` cut at its placeholders `{day}`, `{month}` and `{year}`, read as `filled(_:_:)`
  /// reads a message: other braces are text.
  private static func pieces(_ pattern: String) -> [DatePiece] {
    var pieces: [DatePiece] = []
    var text = ""
    var rest = pattern[...]
    while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
      text += rest[..<open]
      let name = rest.index(after: open)
      let close = rest[name...].utf8.firstIndex(of: UInt8(ascii: "}"))
      let piece: DatePiece? =
        switch close.map({ rest[name..<$0] }) {
        case "day": .day
        case "month": .month
        case "year": .year
        default: nil
        }
      if let piece, let close {
        if !text.isEmpty { pieces.append(.text(text)) }
        text = ""
        pieces.append(piece)
        rest = rest[rest.index(after: close)...]
      } else {
        text += "{"
        rest = rest[name...]
      }
    }
    text += rest
    if !text.isEmpty { pieces.append(.text(text)) }
    return pieces
  }

  /// `text` without the spaces and tabs at its ends (what `CharacterSet.whitespaces` trims:
  /// tab and the Unicode space separators).
  private static func trimmed(_ text: Substring) -> String {
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }
    var scalars = text.unicodeScalars
    while let first = scalars.first, isSpace(first) { scalars = scalars.dropFirst() }
    while let last = scalars.last, isSpace(last) { scalars = scalars.dropLast() }
    return String(Substring(scalars))
  }

  /// `pattern` with each `{name}` of `arguments` replaced by its value, in one pass (a value is
  /// not searched for placeholders again); other braces stay as they are.
  private static func filled(_ pattern: String, _ arguments: [String: String]) -> String {
    var result = ""
    var rest = pattern[...]
    while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
      result += rest[..<open]
      let name = rest.index(after: open)
      if let close = rest[name...].utf8.firstIndex(of: UInt8(ascii: "}")),
        let value = arguments[String(rest[name..<close])]
      {
        result += value
        rest = rest[rest.index(after: close)...]
      } else {
        result += "{"
        rest = rest[name...]
      }
    }
    result += rest
    return result
  }
}

/// A message catalogue that cannot be read.
public struct CatalogueError: Error, CustomStringConvertible, Equatable {
  /// Which file cannot be read and why, in one line.
  public var description: String
  /// Makes an error whose message is `description`.
  public init(_ description: String) { self.description = description }
}
