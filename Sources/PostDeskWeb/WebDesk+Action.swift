import DigitalPost
import Foundation
import Hummingbird
import PostDesk

/// What an action did, for its result page.
struct ActionOutcome: Sendable {
  var title: String
  var message: String
  var applicationID: Int64?
}

/// A refusal of the form itself (a field left empty, two that do not go together), before
/// any use case runs: `key` names the field in the page's `errors`.
struct FieldRefusal: Error {
  var key: String
  var message: String
}

extension WebDesk {
  /// Runs a use case off the event loop with a new letters folder, and shows the result page
  /// with the letters it wrote; a refusal goes to `refused` with the error placed by its field.
  func act(
    session: Session, reference: String, form: FormBody, formName: String,
    _ action: @escaping @Sendable (Desk, (id: String, path: String)) throws -> ActionOutcome,
    refused: ([String: String]) throws -> Response
  ) async throws -> Response {
    let desk = desk()
    let folder = letterFolder()
    let outcome: ActionOutcome
    do {
      outcome = try await offload { try action(desk, folder) }
    } catch let refusal as FieldRefusal {
      try? FileManager.default.removeItem(atPath: folder.path)
      return try refused([refusal.key: refusal.message])
    } catch let error as DomainError {
      try? FileManager.default.removeItem(atPath: folder.path)
      let (key, message) = Refusal.place(error, form: formName)
      return try refused([key: message])
    } catch let error as DeskError {
      try? FileManager.default.removeItem(atPath: folder.path)
      let (key, message) = Refusal.place(error, form: formName)
      return try refused([key: message])
    }
    let decide = outcome.applicationID.map { "/citizens/\(reference)/exemption?application=\($0)#decide-form" } ?? ""
    return try page(
      "result",
      ResultPage(
        layout: layout(outcome.title, session), title: outcome.title, message: outcome.message, links: Links(reference),
        letters: ResultPage.letters(in: configuration.documentsFolder, id: folder.id),
        applicationID: outcome.applicationID.map { String($0) } ?? "", decideHref: decide))
  }
}
