import DigitalPost
import Foundation
import Hummingbird
import PostDesk
import Registry

extension WebDesk {
  /// The work queue: the applications the clerk's municipality decides, oldest first.
  struct ApplicationsPage: Encodable {
    struct Row: Encodable {
      var id: String
      var received: String
      var cpr: String
      var name: String
      var criteria: String
      var receivedAt: String
      var deciding: String
      /// The citizen's exemption page with the decide form pointed at this application.
      var decideHref: String
      var decideID: String
      var decideLabel: String
    }
    var layout: Layout
    /// Which municipality's applications these are, in words.
    var hint: String
    var applications: [Row]
  }

  /// One application of a citizen, as the exemption page lists it.
  struct ApplicationRow: Encodable, Sendable {
    var id: String
    var received: String
    var criteria: String
    var receivedAt: String
    var receivedBy: String
    /// Pending only: the decide form pointed at this application.
    var decideHref: String
    var decideLabel: String
    /// Decided only: `granted`, `refused` or withdrawn by the applicant, when, by whom, and a refusal's reason.
    var verdict: String
    var decidedOn: String
    var decidedBy: String
    var reason: String
  }

  /// A citizen's applications, pending and decided, for the exemption page.
  struct CitizenApplications: Encodable, Sendable {
    var pending: [ApplicationRow]
    var decided: [ApplicationRow]
  }

  /// The work queue of applications, for signed-in clerks.
  func applicationRoutes() -> RouteCollection<DeskRequestContext> {
    let routes = RouteCollection(context: DeskRequestContext.self).add(middleware: SignedInGuard())
    routes.get("/applications") { request, context in
      try await self.signedIn(request, context) { session, clerk in
        let queue = ListPendingApplications(desk: self.desk())
        let entries = try queue.run(deciding: clerk.centre)
        let rows = entries.map { entry in
          let reference = self.sessions.reference(for: entry.cpr, in: session.id) ?? ""
          return ApplicationsPage.Row(
            id: String(entry.id), received: self.long(entry.receivedOn), cpr: entry.cpr.masked, name: entry.name,
            criteria: self.criteriaText(entry.criteria), receivedAt: entry.receivedAt,
            deciding: entry.deciding.description,
            decideHref: "/citizens/\(reference)/exemption?application=\(entry.id)#decide-form",
            decideID: "decide-\(entry.id)",
            decideLabel: self.words.text("exemption.decideLink", ["id": String(entry.id)]))
        }
        return try self.page(
          "applications",
          ApplicationsPage(
            layout: self.layout("applications", session),
            hint: self.words.text(
              "applications.hint", ["centre": clerk.centre.description, "date": self.long(queue.asOf)]),
            applications: rows))
      }
    }
    return routes
  }

  /// The applications of `cpr` as the exemption page lists them; `reference` is the citizen's.
  func citizenApplications(_ cpr: CPRNumber, reference: String) throws -> CitizenApplications {
    let (pending, decided) = try ListCitizenApplications(desk: desk()).run(cpr: cpr)
    func row(_ record: ApplicationRecord) -> ApplicationRow {
      ApplicationRow(
        id: String(record.id), received: long(record.receivedOn), criteria: self.criteriaText(record.criteria),
        receivedAt: record.centre.description, receivedBy: record.clerk,
        decideHref: record.decision == nil
          ? "/citizens/\(reference)/exemption?application=\(record.id)#decide-form" : "",
        decideLabel: words.text("exemption.decideLink", ["id": String(record.id)]),
        verdict: record.decision.map { words.text(verdictKey($0)) } ?? "",
        decidedOn: record.decision.map { long($0.effective) } ?? "",
        decidedBy: record.decision.map { "\($0.clerk) @ \($0.centre)" } ?? "",
        reason: record.decision.flatMap { $0.isWithdrawal ? nil : $0.reason } ?? "")
    }
    return CitizenApplications(pending: pending.map(row), decided: decided.map(row))
  }

  /// The catalogue's word for how an application was closed: granted, refused, or withdrawn
  /// by the applicant.
  private func verdictKey(_ decision: DecisionRecord) -> String {
    decision.isWithdrawal
      ? "exemption.withdrawnByApplicant" : decision.granted ? "exemption.granted" : "exemption.refused"
  }

  /// The criteria's short names in the request's language (`criterion.WORD`), or a dash for none ticked.
  func criteriaText(_ criteria: [ExemptionCriterion]) -> String {
    criteria.isEmpty ? "–" : criteria.sorted().map { words.text("criterion.\($0.rawValue)") }.joined(separator: ", ")
  }

  /// How many applications the clerk's municipality has to decide, for the header; nil when
  /// the registry cannot say (the header then shows the link without a count).
  func queueCount(_ clerk: SignedInClerk?) -> Int? {
    guard let clerk else { return nil }
    return try? ListPendingApplications(desk: desk()).run(deciding: clerk.centre).count
  }
}
