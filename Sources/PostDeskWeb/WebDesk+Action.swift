import DigitalPost
import Documents
import Foundation
import Hummingbird
import PostDesk

/// What an action did, for its result page: catalogue messages (`outcome.NAME`) and their
/// arguments, worded in the clerk's language when the page is rendered.
struct ActionOutcome: Sendable {
  var title: String
  var message: String
  var arguments: [String: Wordable] = [:]
  var applicationID: Int64?
  /// The letters the use case made, as it returned them (kept by the registry).
  var letters: [Document] = []
}

/// A value in a message, worded in the page's language: dates in words, catalogue messages
/// (an access level, a language) in that language.
enum Wordable: Sendable {
  case text(String)
  case date(CivilDate)
  case message(String)

  /// The value in the words of `catalogue`.
  func words(_ catalogue: MessageCatalogue) -> String {
    switch self {
    case .text(let text): text
    case .date(let date): catalogue.long(date)
    case .message(let key): catalogue.text(key)
    }
  }
}

extension MessageCatalogue {
  /// Message `key` with its arguments worded in this catalogue's language.
  func text(_ key: String, _ arguments: [String: Wordable]) -> String {
    text(key, arguments.mapValues { $0.words(self) })
  }
}

/// A refusal of the form itself (a field left empty, two that do not go together), before
/// any use case runs: `key` names the field in the page's `errors`, `message` the catalogue's
/// words for it (`field.NAME`, `exemption.NAME`).
struct FieldRefusal: Error {
  var key: String
  var message: String
  var arguments: [String: Wordable] = [:]
  /// A CPR number typed that is not one: worded by `RefusalWording` instead of `message`.
  var cpr: CPRNumber.ParseError?
}

extension WebDesk {
  /// Runs a use case off the event loop with a new sink for its letters (the registry), and
  /// shows the result page with the letters it returned; a refusal goes to `refused` with the
  /// error placed by its field, and nothing is kept.
  func act(
    session: Session, reference: String, formName: String,
    _ action: @escaping @Sendable (Desk, KeptDocuments) throws -> ActionOutcome,
    refused: ([String: String]) throws -> Response
  ) async throws -> Response {
    guard let centre = session.clerk?.centre else { return .redirect(to: "/sign-in") }
    let desk = desk()
    let sink = try letterSink(for: centre)
    let words = self.words
    let outcome: ActionOutcome
    do {
      outcome = try await offload { try action(desk, sink) }
    } catch let refusal as FieldRefusal {
      let message = refusal.cpr.map { Refusal.sentence(refusals.words($0)) }
      return try refused([refusal.key: message ?? words.text(refusal.message, refusal.arguments)])
    } catch let error as DomainError {
      let (key, message) = Refusal.place(error, form: formName, refusals)
      return try refused([key: message])
    } catch let error as DeskError {
      let (key, message) = Refusal.place(error, form: formName, refusals)
      return try refused([key: message])
    }
    let letters = ResultPage.letters(outcome.letters, action: sink.action, words: words)
    let decide = outcome.applicationID.map { "/citizens/\(reference)/exemption?application=\($0)#decide-form" } ?? ""
    let title = words.text(outcome.title)
    var layout = layout("result", session)
    layout.title = "PostDesk – \(title)"
    return try page(
      "result",
      ResultPage(
        layout: layout, title: title, message: words.text(outcome.message, outcome.arguments),
        links: Links(reference),
        letters: letters,
        applicationID: outcome.applicationID.map { String($0) } ?? "", decideHref: decide))
  }
}
