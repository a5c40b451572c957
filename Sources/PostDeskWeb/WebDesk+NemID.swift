import DigitalPost
import Foundation
import Hummingbird
import PostDesk
import XMLTemplates

extension WebDesk {
  /// The NemID/MitID panel of the citizen page: the documents presented, and the answer.
  struct NemIDPanel: Encodable, Sendable {
    var documents: DocumentFields
    var shortStay: Bool
    var witness: Bool
    /// Whether a check was made (the answer shows).
    var checked = false
    var eligible = false
    /// `eligible`, or `error` when not: how the answer shows.
    var answerClass = ""
    /// Eligible or not, why, and what follows (`CheckNemID.Result.sentence`).
    var answer = ""
    var errors: [String: String] = [:]

    init(_ form: NemIDFields) {
      documents = DocumentFields(form)
      shortStay = form.shortStay
      witness = form.witness
    }
  }

  /// The NemID/MitID form: the documents presented, a short stay in Denmark, a witness.
  struct NemIDFields: Decodable, Sendable, PresentsDocuments {
    @Typed var id1Kind = ""
    @Typed var id1Expires = ""
    @Typed var id2Kind = ""
    @Typed var id2Expires = ""
    @Ticked var shortStay = false
    @Ticked var witness = false
  }

  /// The NemID/MitID check of a citizen, for signed-in clerks.
  func nemIDRoutes() -> RouteCollection<DeskRequestContext> {
    let routes = RouteCollection(context: DeskRequestContext.self).add(middleware: SignedInGuard())
    routes.post("/citizens/:ref/nemid") { request, context in
      try await self.signedIn(request, context, posting: NemIDFields.self) { session, _, form in
        let reference = context.parameters.get("ref") ?? ""
        guard let cpr = self.citizen(reference, in: session),
          let summary = try self.summary(cpr, on: self.configuration.today(), session)
        else { return try self.notFound(session) }
        var panel = NemIDPanel(form)
        let desk = self.desk()
        let (shortStay, witness) = (panel.shortStay, panel.witness)
        do {
          let documents = try form.presentedDocuments()
          let result = try await self.offload {
            try CheckNemID(desk: desk).run(
              cpr: cpr, documents: documents, inDenmarkShortTime: shortStay, witnessTestified: witness)
          }
          panel.checked = true
          panel.eligible = result.eligibility.isEligible
          panel.answerClass = panel.eligible ? "eligible" : "error"
          panel.answer = Refusal.sentence(self.refusals.nemID(result, for: cpr))
        } catch let error as DomainError {
          let (key, message) = Refusal.place(error, form: "nemid", self.refusals)
          panel.errors[key] = message
        }
        return try self.page(
          "citizen",
          members: CitizenPage(
            layout: self.layout("citizen", session), links: Links(reference), citizen: summary,
            nemid: try TemplateValue(encoding: panel)
          ).members,
          status: panel.errors.isEmpty ? .ok : .unprocessableContent)
      }
    }
    return routes
  }
}
