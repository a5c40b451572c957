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
    /// The decide form's confirmation that a grant ends the accesses the citizen has given.
    var endAccess: Bool
    /// The application number typed into the withdraw-application form.
    var withdrawApplication: String
    var errors: [String: String]
    var applications: CitizenApplications

    /// The page with its forms blank; a refused form puts back what was typed (`ExemptionPageForm`).
    init(
      layout: Layout, reference: String, citizen: CitizenSummary, applications: CitizenApplications,
      errors: [String: String]
    ) {
      self.layout = layout
      self.applications = applications
      self.links = Links(reference)
      self.citizen = citizen
      languages = Self.languages(chosen: "")
      criteria = Self.criteria(ticked: [])
      documents = DocumentFields(ApplicationFields())
      onBehalf = ""
      authorities = Self.authorities(chosen: "")
      paperCopies = false
      application = ""
      grant = true
      refuse = false
      reason = ""
      endAccess = false
      withdrawApplication = ""
      self.errors = errors
    }

    private static func word(_ key: String) -> String { RequestLanguage.text(key) }

    /// The languages a printed form can be in, `chosen` selected.
    static func languages(chosen: String) -> [Option] {
      Option.list(
        [
          ("citizen", word("exemption.citizensLanguage")),
          ("da", word("exemption.danish")), ("en", word("exemption.english")),
        ], chosen: chosen)
    }

    /// The five criteria, those in `ticked` ticked.
    static func criteria(ticked: [String]) -> [Criterion] {
      let ticked = Set(ticked)
      return ExemptionCriterion.allCases.map {
        Criterion(
          id: "apply-criterion-\($0.rawValue)", value: $0.rawValue,
          label: "\($0.number). \($0.wording(in: RequestLanguage.current))",
          checked: ticked.contains($0.rawValue))
      }
    }

    /// Who may apply on the citizen's behalf, `chosen` selected.
    static func authorities(chosen: String) -> [Option] {
      Option.list(
        [
          ("nobody", word("exemption.nobody")),
          ("power-of-attorney", word("exemption.powerOfAttorney")),
          ("guardian", word("exemption.guardian")),
        ],
        chosen: chosen)
    }
  }

  /// A form of the exemption page, which shows what was typed into it again when it is refused.
  protocol ExemptionPageForm: Decodable, Sendable {
    /// Puts what was typed back into its form on `page`.
    func keep(in page: inout ExemptionPage)
  }

  /// The print form: the language of the blank form to print.
  struct PrintFormFields: ExemptionPageForm {
    @Typed var language = ""

    func keep(in page: inout ExemptionPage) {
      page.languages = ExemptionPage.languages(chosen: language)
    }
  }

  /// The application form: the criteria ticked, the documents presented, who applies on the
  /// citizen's behalf and by what authority, and whether paper copies are wanted.
  struct ApplicationFields: ExemptionPageForm, PresentsDocuments {
    @TickedGroup var criterion: [String] = []
    @Typed var id1Kind = ""
    @Typed var id1Expires = ""
    @Typed var id2Kind = ""
    @Typed var id2Expires = ""
    @Typed var onBehalf = ""
    @Typed var authority = ""
    @Ticked var paperCopies = false

    func keep(in page: inout ExemptionPage) {
      page.criteria = ExemptionPage.criteria(ticked: criterion)
      page.documents = DocumentFields(self)
      page.onBehalf = onBehalf
      page.authorities = ExemptionPage.authorities(chosen: authority)
      page.paperCopies = paperCopies
    }
  }

  /// The decision form: the application's number, grant or refuse, a refusal's reason, and
  /// the confirmation that a grant ends the accesses the citizen has given.
  struct DecisionFields: ExemptionPageForm {
    /// The decision form's radio buttons (`verdict`).
    enum Choice: String, Sendable {
      case grant
      case refuse
    }

    @Typed var application = ""
    @Chosen var verdict: Choice = .grant
    @Typed var reason = ""
    @Ticked var endAccess = false

    func keep(in page: inout ExemptionPage) {
      page.application = application
      page.grant = verdict == .grant
      page.refuse = verdict == .refuse
      page.reason = reason
      page.endAccess = endAccess
    }
  }

  /// The withdraw-application form: the number of the application the applicant withdrew.
  struct WithdrawApplicationFields: ExemptionPageForm {
    @Typed var application = ""

    func keep(in page: inout ExemptionPage) {
      page.withdrawApplication = application
    }
  }

  /// The withdraw button: no field but its CSRF token.
  struct WithdrawFields: ExemptionPageForm {
    func keep(in page: inout ExemptionPage) {}
  }

  /// The exemption pages of a citizen and their actions, for signed-in clerks.
  func exemptionRoutes() -> RouteCollection<DeskRequestContext> {
    let routes = RouteCollection(context: DeskRequestContext.self).add(middleware: SignedInGuard())
    routes.get("/citizens/:ref/exemption") { request, context in
      try await self.signedIn(request, context) { session, _ in
        let reference = context.parameters.get("ref") ?? ""
        guard let cpr = self.citizen(reference, in: session),
          let summary = try self.summary(cpr, on: self.configuration.today(), session)
        else { return try self.notFound(session) }
        let application = request.uri.queryParameters.get("application").map { String($0) } ?? ""
        var page = ExemptionPage(
          layout: self.layout("exemption", session), reference: reference, citizen: summary,
          applications: try self.citizenApplications(cpr, reference: reference), errors: [:])
        DecisionFields(application: application.filter(\.isNumber)).keep(in: &page)
        return try self.page("exemption", page)
      }
    }

    exemptionAction(routes, "form", PrintFormFields.self) { desk, cpr, clerk, form, sink in
      let language = Language(rawValue: form.language)
      let result = try PrintExemptionForm(desk: desk).run(
        cpr: cpr, language: language, centre: clerk.centre, clerk: clerk.id, format: .html, into: sink)
      return ActionOutcome(
        title: "outcome.formPrintedTitle", message: "outcome.formPrinted",
        arguments: ["language": .text(result.language.rawValue)], letters: [result.form])
    }

    exemptionAction(routes, "apply", ApplicationFields.self) { desk, cpr, clerk, form, _ in
      let criteria = try Set(
        form.criterion.map { text throws(DomainError) in try ExemptionCriterion(parsing: text) })
      let documents = try form.presentedDocuments()
      var onBehalf: (ApplyForExemption.OnBehalf, Representative.Authority)?
      let who = form.onBehalf
      switch (who.isEmpty, Representative.Authority(rawValue: form.authority)) {
      case (true, nil): break
      case (false, let authority?):
        onBehalf = ((try? CPRNumber(parsing: who)).map { .cpr($0) } ?? .name(who), authority)
      case (false, nil):
        throw FieldRefusal(key: "applyOnBehalf", message: "exemption.chooseAuthority")
      case (true, _?):
        throw FieldRefusal(key: "applyOnBehalf", message: "exemption.whoOnBehalf")
      }
      let result = try ApplyForExemption(desk: desk).run(
        cpr: cpr, criteria: criteria, documents: documents, onBehalf: onBehalf, paperCopies: form.paperCopies,
        clerk: try Clerk(id: clerk.id, centre: clerk.centre))
      return ActionOutcome(
        title: "outcome.appliedTitle", message: "outcome.applied",
        arguments: ["id": .text(String(result.applicationID)), "reference": .text(result.reference)],
        applicationID: result.applicationID)
    }

    exemptionAction(routes, "decide", DecisionFields.self) { desk, cpr, clerk, form, sink in
      guard let application = Int64(form.application) else {
        throw FieldRefusal(key: "decideApplication", message: "exemption.giveNumber")
      }
      let verdict: DecideExemption.Verdict
      switch form.verdict {
      case .refuse:
        guard !form.reason.isEmpty else {
          throw FieldRefusal(key: "decideReason", message: "exemption.writeReason")
        }
        verdict = .refuse(reason: form.reason)
      case .grant:
        verdict = .grant
      }
      // Only the page's citizen's application, and only by a clerk of the municipality that
      // decides it (Act §5(2)): the clerk's own centre is checked, never assumed.
      let result = try DecideExemption(desk: desk).run(
        applicationID: application, verdict: verdict, clerk: CounterClerk(id: clerk.id, centre: clerk.centre),
        format: .html, applicant: cpr, endAccess: form.endAccess, into: sink)
      let helpers = result.endedAccesses.map(\.helper.masked).joined(separator: ", ")
      return ActionOutcome(
        title: result.granted ? "outcome.grantedTitle" : "outcome.refusedTitle",
        message: !result.granted
          ? "outcome.refused" : helpers.isEmpty ? "outcome.granted" : "outcome.grantedEndedAccess",
        arguments: ["id": .text(String(application)), "reference": .text(result.reference), "helpers": .text(helpers)],
        letters: [result.letter] + result.helperLetters)
    }

    exemptionAction(routes, "withdraw-application", WithdrawApplicationFields.self) { desk, cpr, clerk, form, _ in
      guard let application = Int64(form.application) else {
        throw FieldRefusal(key: "withdrawApplicationApplication", message: "exemption.giveNumber")
      }
      // Only the page's citizen's application: the page names whom the clerk is serving.
      let result = try WithdrawApplication(desk: desk).run(
        applicationID: application, clerk: CounterClerk(id: clerk.id, centre: clerk.centre), applicant: cpr)
      return ActionOutcome(
        title: "outcome.applicationWithdrawnTitle", message: "outcome.applicationWithdrawn",
        arguments: ["id": .text(String(application)), "reference": .text(result.reference)])
    }

    exemptionAction(routes, "withdraw", WithdrawFields.self) { desk, cpr, clerk, _, _ in
      try WithdrawExemption(desk: desk).run(cpr: cpr, clerk: CounterClerk(id: clerk.id, centre: clerk.centre))
      return ActionOutcome(
        title: "outcome.withdrawnTitle", message: "outcome.withdrawn", arguments: ["date": .date(desk.today)])
    }
    return routes
  }

  /// `POST /citizens/REF/exemption/NAME` with the fields of `Form`: runs `action`, then the
  /// result page; a refusal shows the exemption page again with the error by its field, and
  /// what was typed into the form kept.
  private func exemptionAction<Form: ExemptionPageForm>(
    _ routes: RouteCollection<DeskRequestContext>, _ name: String, _ fields: Form.Type,
    _ action:
      @escaping @Sendable (Desk, CPRNumber, SignedInClerk, Form, KeptDocuments) throws -> ActionOutcome
  ) {
    routes.post("/citizens/:ref/exemption/\(name)") { request, context in
      try await self.signedIn(request, context, posting: Form.self) { session, clerk, form in
        let reference = context.parameters.get("ref") ?? ""
        guard let cpr = self.citizen(reference, in: session) else { return try self.notFound(session) }
        let formName = ["form": "printForm", "withdraw-application": "withdrawApplication"][name] ?? name
        return try await self.act(session: session, reference: reference, formName: formName) {
          desk, sink in
          try action(desk, cpr, clerk, form, sink)
        } refused: { errors in
          guard let summary = try self.summary(cpr, on: self.configuration.today(), session) else {
            return try self.notFound(session)
          }
          var page = ExemptionPage(
            layout: self.layout("exemption", session), reference: reference, citizen: summary,
            applications: try self.citizenApplications(cpr, reference: reference), errors: errors)
          form.keep(in: &page)
          return try self.page("exemption", page, status: .unprocessableContent)
        }
      }
    }
  }
}
