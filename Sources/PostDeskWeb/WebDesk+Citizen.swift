import DigitalPost
import Foundation
import Hummingbird
import PostDesk
import Registry
import XMLTemplates

extension WebDesk {
  struct FindPage: Encodable {
    var layout: Layout
    var cpr: String
    var asOf: String
    var errors: [String: String]
  }

  /// The citizen page's data, rendered as the engine's value tree (`page(_:members:status:)`).
  struct CitizenPage {
    var layout: Layout
    var links: Links
    var citizen: CitizenSummary
    /// The NemID/MitID check (a `NemIDPanel`): blank until the clerk asks (`WebDesk.blankNemID`).
    var nemid: TemplateValue

    /// `layout.*`, `links.*`, `citizen.*` and `nemid.*`, made directly rather than encoded.
    var members: TemplateObject {
      var members = TemplateObject(minimumCapacity: 6)
      members.append("layout", layout.value)
      members.append("links", links.value)
      members.append("citizen", citizen.value)
      members.append("nemid", nemid)
      return members
    }
  }

  /// The find form: a CPR number, and the day to look the citizen up on (today when blank).
  struct FindFields: Decodable, Sendable {
    @Typed var cpr = ""
    @Typed var asOf = ""
  }

  struct AuditPage: Encodable {
    struct Entry: Encodable {
      var id: String
      var at: String
      var clerk: String
      var centre: String
      /// What happened, in the page's language.
      var action: String
      /// What happened, as the log's action word (`exemption.start`).
      var code: String
    }
    var layout: Layout
    var links: Links
    var citizen: CitizenSummary
    var entries: [Entry]
  }

  /// Finding a citizen, the citizen page and its audit trail, for signed-in clerks.
  func citizenRoutes() -> RouteCollection<DeskRequestContext> {
    let routes = RouteCollection(context: DeskRequestContext.self).add(middleware: SignedInGuard())
    routes.get("/citizens") { request, context in
      try await self.signedIn(request, context) { session, _ in
        try self.page("find", FindPage(layout: self.layout("find", session), cpr: "", asOf: "", errors: [:]))
      }
    }

    routes.post("/citizens") { request, context in
      try await self.signedIn(request, context, posting: FindFields.self) { session, _, form in
        let typed = form.cpr
        let asOfText = form.asOf
        var errors: [String: String] = [:]
        let cpr: CPRNumber?
        do throws(CPRNumber.ParseError) { cpr = try CPRNumber(parsing: typed) } catch {
          cpr = nil
          errors["cpr"] = self.refusals.words(error)
        }
        let asOf = asOfText.isEmpty ? self.configuration.today() : CivilDate(iso: asOfText)
        if asOf == nil { errors["asOf"] = self.words.text("find.notADate", ["typed": asOfText]) }
        if let cpr, let asOf, errors.isEmpty {
          if try LookUpCitizen(registry: self.configuration.registry).isRegistered(cpr, on: asOf),
            let reference = self.sessions.reference(for: cpr, in: session.id)
          {
            return .redirect(to: "/citizens/\(reference)" + (asOfText.isEmpty ? "" : "?asOf=\(asOf.iso)"))
          }
          errors["cpr"] = self.words.text("find.noCitizen", ["cpr": "\(cpr)", "date": self.long(asOf)])
        }
        return try self.page(
          "find", FindPage(layout: self.layout("find", session), cpr: typed, asOf: asOfText, errors: errors),
          status: .unprocessableContent)
      }
    }

    routes.get("/citizens/:ref") { request, context in
      try await self.signedIn(request, context) { session, _ in
        let reference = context.parameters.get("ref") ?? ""
        guard let cpr = self.citizen(reference, in: session) else { return try self.notFound(session) }
        let asOf = request.uri.queryParameters.get("asOf").flatMap { CivilDate(iso: String($0)) }
        guard let summary = try self.summary(cpr, on: asOf ?? self.configuration.today(), session) else {
          return try self.notFound(session)
        }
        return try self.page(
          "citizen",
          members: CitizenPage(
            layout: self.layout("citizen", session), links: Links(reference), citizen: summary, nemid: self.blankNemID
          ).members)
      }
    }

    routes.get("/citizens/:ref/audit") { request, context in
      try await self.signedIn(request, context) { session, _ in
        let reference = context.parameters.get("ref") ?? ""
        guard let cpr = self.citizen(reference, in: session),
          let summary = try self.summary(cpr, on: self.configuration.today(), session)
        else { return try self.notFound(session) }
        let words = self.words
        let entries = try LookUpCitizen(registry: self.configuration.registry).auditTrail(cpr).map {
          let key = "auditAction." + $0.action.replacingOccurrences(of: ".", with: "-")
          return AuditPage.Entry(
            id: String($0.id), at: $0.at, clerk: $0.clerk, centre: $0.centre,
            action: words.has(key) ? words.text(key) : $0.action, code: $0.action)
        }
        return try self.page(
          "audit",
          AuditPage(
            layout: self.layout("audit", session), links: Links(reference), citizen: summary, entries: entries))
      }
    }
    return routes
  }

  /// The citizen as the pages show them on `date`, with session references for the others named.
  func summary(_ cpr: CPRNumber, on date: CivilDate, _ session: Session) throws -> CitizenSummary? {
    try LookUpCitizen(registry: configuration.registry).run(cpr, on: date).map {
      CitizenSummary($0, cpr: cpr, on: date, words: words) { self.sessions.reference(for: $0, in: session.id) ?? "" }
    }
  }
}
