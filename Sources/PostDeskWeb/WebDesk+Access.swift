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

    init(layout: Layout, reference: String, citizen: CitizenSummary, form: FormBody, errors: [String: String]) {
      self.layout = layout
      self.links = Links(reference)
      self.citizen = citizen
      helper = form["helper"]
      func word(_ key: String, _ english: String) -> String { RequestLanguage.text(key, fallback: english) }
      levels = Option.list(
        [("read", word("level.read", "read")), ("read-write", word("level.read-write", "read and write"))],
        chosen: form["level"])
      until = form["until"]
      consents = Option.list(
        [
          ("in-person", word("consent.in-person", "in person (the owner is here)")),
          ("power-of-attorney", word("consent.power-of-attorney", "power of attorney")),
        ],
        chosen: form["consent"])
      documents = DocumentFields(form)
      liftExemption = form.ticked("liftExemption")
      self.errors = errors
    }
  }

  func addAccessRoutes(_ router: Router<DeskRequestContext>) {
    router.get("/citizens/:ref/access") { request, context in
      try await self.signedIn(request) { session, _, _ in
        let reference = context.parameters.get("ref") ?? ""
        guard let cpr = self.citizen(reference, in: session),
          let summary = try self.summary(cpr, on: self.configuration.today(), session)
        else { return try self.notFound(session) }
        return try self.page(
          "access",
          AccessPage(
            layout: self.layout("access", session), reference: reference, citizen: summary, form: FormBody(""),
            errors: [:]))
      }
    }

    accessAction(router, "grant") { desk, owner, _, clerk, form, folder in
      let helper: CPRNumber
      do throws(CPRNumber.ParseError) { helper = try CPRNumber(parsing: form["helper"]) } catch {
        throw FieldRefusal(key: "grantHelper", message: "", cpr: error)
      }
      guard let until = CivilDate(iso: form["until"]) else {
        throw FieldRefusal(key: "grantUntil", message: "field.grantUntil")
      }
      let request = AccessRequest(
        owner: owner, helper: helper, level: AccessLevel(rawValue: form["level"]) ?? .read, from: desk.today,
        until: until, consent: DelegatedAccess.Consent(rawValue: form["consent"]) ?? .inPerson,
        documents: try DocumentFields.documents(form), exemptionLiftConfirmed: form.ticked("liftExemption"))
      let result = try GrantAccess(desk: desk).run(
        request, clerk: CounterClerk(id: clerk.id, centre: clerk.centre), folder: folder.path)
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
          ])
      }
    }

    accessAction(router, "revoke") { desk, owner, session, clerk, form, _ in
      let typed = form["helper"]
      guard let helper = session.citizens[typed] ?? (try? CPRNumber(parsing: typed)) else {
        throw FieldRefusal(key: "revoke", message: "field.revoke")
      }
      try RevokeAccess(desk: desk).run(
        owner: owner, helper: helper, clerk: CounterClerk(id: clerk.id, centre: clerk.centre))
      return ActionOutcome(
        title: "outcome.revokedTitle", message: "outcome.accessEnds",
        arguments: ["helper": .text("\(helper)"), "owner": .text("\(owner)"), "date": .date(desk.today)])
    }
    addGiveUpRoute(router)
  }

  func addGiveUpRoute(_ router: Router<DeskRequestContext>) {
    // The page's citizen is the helper, giving up an access they hold.
    accessAction(router, "give-up") { desk, helper, session, clerk, form, folder in
      let typed = form["owner"]
      guard let owner = session.citizens[typed] ?? (try? CPRNumber(parsing: typed)) else {
        throw FieldRefusal(key: "giveUp", message: "field.giveUp")
      }
      try GiveUpAccess(desk: desk).run(
        owner: owner, helper: helper, clerk: CounterClerk(id: clerk.id, centre: clerk.centre), folder: folder.path)
      return ActionOutcome(
        title: "outcome.givenUpTitle", message: "outcome.accessEnds",
        arguments: ["helper": .text("\(helper)"), "owner": .text("\(owner)"), "date": .date(desk.today)])
    }
  }

  private func accessAction(
    _ router: Router<DeskRequestContext>, _ name: String,
    _ action:
      @escaping @Sendable (Desk, CPRNumber, Session, SignedInClerk, FormBody, (id: String, path: String)) throws
      -> ActionOutcome
  ) {
    router.post("/citizens/:ref/access/\(name)") { request, context in
      try await self.signedIn(request) { session, clerk, form in
        let reference = context.parameters.get("ref") ?? ""
        guard let cpr = self.citizen(reference, in: session) else { return try self.notFound(session) }
        // Error keys are template names: `give-up` is read as `errors.giveUp`.
        let formName = name == "give-up" ? "giveUp" : name
        return try await self.act(session: session, reference: reference, form: form, formName: formName) {
          desk, folder in
          try action(desk, cpr, session, clerk, form, folder)
        } refused: { errors in
          guard let summary = try self.summary(cpr, on: self.configuration.today(), session) else {
            return try self.notFound(session)
          }
          return try self.page(
            "access",
            AccessPage(
              layout: self.layout("access", session), reference: reference, citizen: summary,
              form: name == "grant" ? form : FormBody(""), errors: errors), status: .unprocessableContent)
        }
      }
    }
  }
}
