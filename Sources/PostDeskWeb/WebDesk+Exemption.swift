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
    var applications: CitizenApplications

    /// The page with what was typed in `form` kept.
    init(
      layout: Layout, reference: String, citizen: CitizenSummary, applications: CitizenApplications, form: FormBody,
      errors: [String: String]
    ) {
      self.layout = layout
      self.applications = applications
      self.links = Links(reference)
      self.citizen = citizen
      func word(_ key: String, _ english: String) -> String { RequestLanguage.text(key, fallback: english) }
      languages = Option.list(
        [
          ("citizen", word("exemption.citizensLanguage", "the citizen's language")),
          ("da", word("exemption.danish", "Danish")), ("en", word("exemption.english", "English")),
        ], chosen: form["language"])
      let ticked = Set(form.all("criterion"))
      criteria = ExemptionCriterion.allCases.map {
        Criterion(
          id: "apply-criterion-\($0.rawValue)", value: $0.rawValue,
          label: "\($0.number). \($0.wording(in: RequestLanguage.current))",
          checked: ticked.contains($0.rawValue))
      }
      documents = DocumentFields(form)
      onBehalf = form["onBehalf"]
      authorities = Option.list(
        [
          ("nobody", word("exemption.nobody", "— nobody —")),
          ("power-of-attorney", word("exemption.powerOfAttorney", "power of attorney")),
          ("guardian", word("exemption.guardian", "guardian")),
        ],
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
            layout: self.layout("exemption", session), reference: reference, citizen: summary,
            applications: try self.citizenApplications(cpr, reference: reference),
            form: FormBody("application=\(application.filter(\.isNumber))"), errors: [:]))
      }
    }

    exemptionAction(router, "form") { desk, cpr, clerk, form, folder in
      let language = Language(rawValue: form["language"])
      let result = try PrintExemptionForm(desk: desk).run(
        cpr: cpr, language: language, centre: clerk.centre, clerk: clerk.id, path: "\(folder.path)/exemption-form.html")
      return ActionOutcome(
        title: "outcome.formPrintedTitle", message: "outcome.formPrinted",
        arguments: ["language": .text(result.language.rawValue)])
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
        throw FieldRefusal(key: "applyOnBehalf", message: "exemption.chooseAuthority")
      case (true, _?):
        throw FieldRefusal(key: "applyOnBehalf", message: "exemption.whoOnBehalf")
      }
      let result = try ApplyForExemption(desk: desk).run(
        cpr: cpr, criteria: criteria, documents: documents, onBehalf: onBehalf, paperCopies: form.ticked("paperCopies"),
        clerk: try Clerk(id: clerk.id, centre: clerk.centre))
      return ActionOutcome(
        title: "outcome.appliedTitle", message: "outcome.applied",
        arguments: ["id": .text(String(result.applicationID)), "reference": .text(result.reference)],
        applicationID: result.applicationID)
    }

    exemptionAction(router, "decide") { desk, _, clerk, form, folder in
      guard let application = Int64(form["application"]) else {
        throw FieldRefusal(key: "decideApplication", message: "exemption.giveNumber")
      }
      let verdict: DecideExemption.Verdict
      if form["verdict"] == "refuse" {
        guard !form["reason"].isEmpty else {
          throw FieldRefusal(key: "decideReason", message: "exemption.writeReason")
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
        title: result.granted ? "outcome.grantedTitle" : "outcome.refusedTitle",
        message: result.granted ? "outcome.granted" : "outcome.refused",
        arguments: ["id": .text(String(application)), "reference": .text(result.reference)])
    }

    exemptionAction(router, "withdraw") { desk, cpr, clerk, _, _ in
      try WithdrawExemption(desk: desk).run(cpr: cpr, clerk: CounterClerk(id: clerk.id, centre: clerk.centre))
      return ActionOutcome(
        title: "outcome.withdrawnTitle", message: "outcome.withdrawn", arguments: ["date": .date(desk.today)])
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
              layout: self.layout("exemption", session), reference: reference, citizen: summary,
              applications: try self.citizenApplications(cpr, reference: reference), form: form, errors: errors),
            status: .unprocessableContent)
        }
      }
    }
  }
}
