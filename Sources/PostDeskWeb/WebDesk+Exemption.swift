import DigitalPost
import Foundation
import Hummingbird
import PostDesk

extension WebDesk {
  struct ExemptionPage: Encodable {
    struct Criterion: Encodable {
      var id: String
      var value: String
      var label: String
      var checked: Bool
    }
    var layout: Layout
    var links: Links
    var citizen: CitizenSummary
    var languages: [Option]
    var criteria: [Criterion]
    var documents: DocumentFields
    var onBehalf: String
    var authorities: [Option]
    var paperCopies: Bool
    var application: String
    var grant: Bool
    var refuse: Bool
    var reason: String
    var errors: [String: String]

    /// The page with what was typed in `form` kept.
    init(layout: Layout, reference: String, citizen: CitizenSummary, form: FormBody, errors: [String: String]) {
      self.layout = layout
      self.links = Links(reference)
      self.citizen = citizen
      languages = Option.list(
        [("citizen", "the citizen's language"), ("da", "Danish"), ("en", "English")], chosen: form["language"])
      let ticked = Set(form.all("criterion"))
      criteria = ExemptionCriterion.allCases.map {
        Criterion(
          id: "apply-criterion-\($0.rawValue)", value: $0.rawValue, label: "\($0.number). \($0.englishWording)",
          checked: ticked.contains($0.rawValue))
      }
      documents = DocumentFields(form)
      onBehalf = form["onBehalf"]
      authorities = Option.list(
        [("nobody", "— nobody —"), ("power-of-attorney", "power of attorney"), ("guardian", "guardian")],
        chosen: form["authority"])
      paperCopies = form.ticked("paperCopies")
      application = form["application"]
      grant = form["verdict"] != "refuse"
      refuse = form["verdict"] == "refuse"
      reason = form["reason"]
      self.errors = errors
    }
  }

  func addExemptionRoutes(_ router: Router<DeskRequestContext>) {
    router.get("/citizens/:ref/exemption") { request, context in
      try await self.signedIn(request) { session, _, _ in
        let reference = context.parameters.get("ref") ?? ""
        guard let cpr = self.citizen(reference, in: session),
          let summary = try self.summary(cpr, on: self.configuration.today(), session)
        else { return try self.notFound(session) }
        let application = request.uri.queryParameters.get("application").map { String($0) } ?? ""
        return try self.page(
          "exemption",
          ExemptionPage(
            layout: self.layout("Exemption", session), reference: reference, citizen: summary,
            form: FormBody("application=\(application.filter(\.isNumber))"), errors: [:]))
      }
    }

    exemptionAction(router, "form") { desk, cpr, clerk, form, folder in
      let language = Language(rawValue: form["language"])
      let result = try PrintExemptionForm(desk: desk).run(
        cpr: cpr, language: language, centre: clerk.centre, clerk: clerk.id, path: "\(folder.path)/exemption-form.html")
      return ActionOutcome(
        title: "Form printed",
        message: "The pre-filled application form (\(result.language.rawValue)) is ready to print.")
    }

    exemptionAction(router, "apply") { desk, cpr, clerk, form, _ in
      let criteria = try Set(
        form.all("criterion").map { text throws(DomainError) in try ExemptionCriterion(parsing: text) })
      let documents = try DocumentFields.documents(form)
      var onBehalf: (ApplyForExemption.OnBehalf, Representative.Authority)?
      let who = form["onBehalf"]
      switch (who.isEmpty, Representative.Authority(rawValue: form["authority"])) {
      case (true, nil): break
      case (false, let authority?):
        onBehalf = ((try? CPRNumber(parsing: who)).map { .cpr($0) } ?? .name(who), authority)
      case (false, nil):
        throw FieldRefusal(key: "applyOnBehalf", message: "Choose the authority: power of attorney or guardian.")
      case (true, _?):
        throw FieldRefusal(
          key: "applyOnBehalf", message: "Who applies on the citizen's behalf? Give a name or CPR number.")
      }
      let result = try ApplyForExemption(desk: desk).run(
        cpr: cpr, criteria: criteria, documents: documents, onBehalf: onBehalf, paperCopies: form.ticked("paperCopies"),
        clerk: try Clerk(id: clerk.id, centre: clerk.centre))
      return ActionOutcome(
        title: "Application recorded",
        message: "Application \(result.applicationID) recorded (\(result.reference)); decide it when ready.",
        applicationID: result.applicationID)
    }

    exemptionAction(router, "decide") { desk, _, clerk, form, folder in
      guard let application = Int64(form["application"]) else {
        throw FieldRefusal(key: "decideApplication", message: "Give the application's number, e.g. 3.")
      }
      let verdict: DecideExemption.Verdict
      if form["verdict"] == "refuse" {
        guard !form["reason"].isEmpty else {
          throw FieldRefusal(
            key: "decideReason", message: "Write the reason for the refusal, as the letter should state it.")
        }
        verdict = .refuse(reason: form["reason"])
      } else {
        verdict = .grant
      }
      // The citizen's municipality decides (Act §5(2)), whichever centre the clerk signed in at.
      let result = try DecideExemption(desk: desk).run(
        applicationID: application, verdict: verdict, clerk: CounterClerk(id: clerk.id),
        letterPath: "\(folder.path)/exemption-decision.html")
      return ActionOutcome(
        title: result.granted ? "Exemption granted" : "Application refused",
        message: "Application \(application) \(result.granted ? "granted" : "refused") (\(result.reference)).")
    }

    exemptionAction(router, "withdraw") { desk, cpr, clerk, _, _ in
      try WithdrawExemption(desk: desk).run(cpr: cpr, clerk: CounterClerk(id: clerk.id, centre: clerk.centre))
      return ActionOutcome(
        title: "Exemption withdrawn", message: "The exemption is withdrawn on \(desk.today); Digital Post from today.")
    }
  }

  /// `POST /citizens/REF/exemption/NAME`: runs `action`, then the result page; a refusal shows
  /// the exemption page again with the error by its field.
  private func exemptionAction(
    _ router: Router<DeskRequestContext>, _ name: String,
    _ action:
      @escaping @Sendable (Desk, CPRNumber, SignedInClerk, FormBody, (id: String, path: String)) throws ->
      ActionOutcome
  ) {
    router.post("/citizens/:ref/exemption/\(name)") { request, context in
      try await self.signedIn(request) { session, clerk, form in
        let reference = context.parameters.get("ref") ?? ""
        guard let cpr = self.citizen(reference, in: session) else { return try self.notFound(session) }
        return try await self.act(
          session: session, reference: reference, form: form, formName: name == "form" ? "printForm" : name
        ) {
          desk, folder in
          try action(desk, cpr, clerk, form, folder)
        } refused: { errors in
          guard let summary = try self.summary(cpr, on: self.configuration.today(), session) else {
            return try self.notFound(session)
          }
          return try self.page(
            "exemption",
            ExemptionPage(
              layout: self.layout("Exemption", session), reference: reference, citizen: summary, form: form,
              errors: errors), status: .unprocessableContent)
        }
      }
    }
  }
}
