import DigitalPost
import Foundation
import Hummingbird
import PostDesk

extension WebDesk {
  struct AccessPage: Encodable {
    var layout: Layout
    var links: Links
    var citizen: CitizenSummary
    var revocable = true
    var helper: String
    var levels: [Option]
    var until: String
    var consents: [Option]
    var documents: DocumentFields
    var liftExemption: Bool
    var errors: [String: String]

    /// The page with its grant form blank; a refused grant puts back what was typed
    /// (`AccessPageForm`).
    init(layout: Layout, reference: String, citizen: CitizenSummary, errors: [String: String]) {
      self.layout = layout
      self.links = Links(reference)
      self.citizen = citizen
      helper = ""
      levels = Self.levels(chosen: "")
      until = ""
      consents = Self.consents(chosen: "")
      documents = DocumentFields(GrantFields())
      liftExemption = false
      self.errors = errors
    }

    private static func word(_ key: String) -> String { RequestLanguage.text(key) }

    /// The access levels, `chosen` selected.
    static func levels(chosen: String) -> [Option] {
      Option.list(
        [("read", word("level.read")), ("read-write", word("level.read-write"))],
        chosen: chosen)
    }

    /// The owner's consents, `chosen` selected.
    static func consents(chosen: String) -> [Option] {
      Option.list(
        [
          ("in-person", word("consent.in-person")),
          ("power-of-attorney", word("consent.power-of-attorney")),
        ],
        chosen: chosen)
    }
  }

  /// A form of the access page, which shows what was typed into it again when it is refused.
  protocol AccessPageForm: Decodable, Sendable {
    /// Puts what was typed back into its form on `page`.
    func keep(in page: inout AccessPage)
  }

  /// The grant form: who may read the owner's post, how, until when, and on what consent.
  struct GrantFields: AccessPageForm, PresentsDocuments {
    @Typed var helper = ""
    @Chosen var level: AccessLevel = .read
    @Typed var until = ""
    @Chosen var consent: DelegatedAccess.Consent = .inPerson
    @Typed var id1Kind = ""
    @Typed var id1Expires = ""
    @Typed var id2Kind = ""
    @Typed var id2Expires = ""
    @Ticked var liftExemption = false

    func keep(in page: inout AccessPage) {
      page.helper = helper
      page.levels = AccessPage.levels(chosen: level.rawValue)
      page.until = until
      page.consents = AccessPage.consents(chosen: consent.rawValue)
      page.documents = DocumentFields(self)
      page.liftExemption = liftExemption
    }
  }

  /// The revoke button of an access the citizen gave: the helper, by reference or CPR number.
  /// The page has no field for it to keep.
  struct RevokeFields: AccessPageForm {
    @Typed var helper = ""

    func keep(in page: inout AccessPage) {}
  }

  /// The give-up button of an access the citizen holds: the owner, by reference or CPR number.
  /// The page has no field for it to keep.
  struct GiveUpFields: AccessPageForm {
    @Typed var owner = ""

    func keep(in page: inout AccessPage) {}
  }

  /// The delegated access pages of a citizen, for signed-in clerks.
  func accessRoutes() -> RouteCollection<DeskRequestContext> {
    let routes = RouteCollection(context: DeskRequestContext.self).add(middleware: SignedInGuard())
    routes.get("/citizens/:ref/access") { request, context in
      try await self.signedIn(request, context) { session, _ in
        let reference = context.parameters.get("ref") ?? ""
        guard let cpr = self.citizen(reference, in: session),
          let summary = try self.summary(cpr, on: self.configuration.today(), session)
        else { return try self.notFound(session) }
        return try self.page(
          "access",
          AccessPage(
            layout: self.layout("access", session), reference: reference, citizen: summary, errors: [:]))
      }
    }

    accessAction(routes, "grant", GrantFields.self) { desk, owner, _, clerk, form, sink in
      let helper: CPRNumber
      do throws(CPRNumber.ParseError) { helper = try CPRNumber(parsing: form.helper) } catch {
        throw FieldRefusal(key: "grantHelper", message: "", cpr: error)
      }
      guard let until = CivilDate(iso: form.until) else {
        throw FieldRefusal(key: "grantUntil", message: "field.grantUntil")
      }
      let request = AccessRequest(
        owner: owner, helper: helper, level: form.level, from: desk.today, until: until, consent: form.consent,
        documents: try form.presentedDocuments(), exemptionLiftConfirmed: form.liftExemption)
      let result = try GrantAccess(desk: desk).run(
        request, clerk: CounterClerk(id: clerk.id, centre: clerk.centre), into: sink)
      let level = request.level.rawValue
      switch result.kind {
      case .unchanged:
        return ActionOutcome(
          title: "outcome.unchangedTitle", message: "outcome.unchanged",
          arguments: ["helper": .text("\(helper)"), "level": .message("level.\(level)"), "until": .date(until)])
      case .new, .changed:
        return ActionOutcome(
          title: result.kind == .new ? "outcome.grantedAccessTitle" : "outcome.changedAccessTitle",
          message: result.liftedExemption ? "outcome.accessGrantedLifted" : "outcome.accessGranted",
          arguments: [
            "helper": .text("\(helper)"), "owner": .text("\(owner)"), "level": .message("levelVerb.\(level)"),
            "until": .date(until), "date": .date(desk.today),
          ], letters: result.letters)
      }
    }

    accessAction(routes, "revoke", RevokeFields.self) { desk, owner, session, clerk, form, _ in
      let typed = form.helper
      guard let helper = session.citizens[typed] ?? (try? CPRNumber(parsing: typed)) else {
        throw FieldRefusal(key: "revoke", message: "field.revoke")
      }
      try RevokeAccess(desk: desk).run(
        owner: owner, helper: helper, clerk: CounterClerk(id: clerk.id, centre: clerk.centre))
      return ActionOutcome(
        title: "outcome.revokedTitle", message: "outcome.accessEnds",
        arguments: ["helper": .text("\(helper)"), "owner": .text("\(owner)"), "date": .date(desk.today)])
    }
    addGiveUpRoute(routes)
    return routes
  }

  func addGiveUpRoute(_ routes: RouteCollection<DeskRequestContext>) {
    // The page's citizen is the helper, giving up an access they hold.
    accessAction(routes, "give-up", GiveUpFields.self) { desk, helper, session, clerk, form, sink in
      let typed = form.owner
      guard let owner = session.citizens[typed] ?? (try? CPRNumber(parsing: typed)) else {
        throw FieldRefusal(key: "giveUp", message: "field.giveUp")
      }
      let result = try GiveUpAccess(desk: desk).run(
        owner: owner, helper: helper, clerk: CounterClerk(id: clerk.id, centre: clerk.centre), into: sink)
      return ActionOutcome(
        title: "outcome.givenUpTitle", message: "outcome.accessEnds",
        arguments: ["helper": .text("\(helper)"), "owner": .text("\(owner)"), "date": .date(desk.today)],
        letters: result.letters)
    }
  }

  /// `POST /citizens/REF/access/NAME` with the fields of `Form`: runs `action`, then the result
  /// page; a refusal shows the access page again with the error by its field, and what was
  /// typed into the form kept.
  private func accessAction<Form: AccessPageForm>(
    _ routes: RouteCollection<DeskRequestContext>, _ name: String, _ fields: Form.Type,
    _ action:
      @escaping @Sendable (Desk, CPRNumber, Session, SignedInClerk, Form, KeptDocuments) throws
      -> ActionOutcome
  ) {
    routes.post("/citizens/:ref/access/\(name)") { request, context in
      try await self.signedIn(request, context, posting: Form.self) { session, clerk, form in
        let reference = context.parameters.get("ref") ?? ""
        guard let cpr = self.citizen(reference, in: session) else { return try self.notFound(session) }
        // Error keys are template names: `give-up` is read as `errors.giveUp`.
        let formName = name == "give-up" ? "giveUp" : name
        return try await self.act(session: session, reference: reference, formName: formName) {
          desk, sink in
          try action(desk, cpr, session, clerk, form, sink)
        } refused: { errors in
          guard let summary = try self.summary(cpr, on: self.configuration.today(), session) else {
            return try self.notFound(session)
          }
          var page = AccessPage(
            layout: self.layout("access", session), reference: reference, citizen: summary, errors: errors)
          form.keep(in: &page)
          return try self.page("access", page, status: .unprocessableContent)
        }
      }
    }
  }
}
