import DigitalPost
import Foundation
import Hummingbird
import PostDesk

extension WebDesk {
  struct LetterboxPage: Encodable {
    struct Child: Encodable {
      var cpr: String
      var name: String
      var due: String
      var notice: String
    }
    var layout: Layout
    var from: String
    var to: String
    var due: [Child]
    var notices: [Child]
    var date: String
    var pages: Pages
    var errors: [String: String]
  }

  /// Where the page is in the lists: both tables show the same slice of `letterboxPageSize` rows.
  struct Pages: Encodable {
    var page = "1"
    var count = "1"
    var several = false
    var previous = ""
    var next = ""
  }

  /// The notices form: the day whose letterbox notices to write.
  struct NoticesFields: Decodable, Sendable {
    @Typed var date = ""
  }

  /// The longest window the page lists: a quarter's letterboxes fit; a century's do not.
  static let longestDueWindow = 92

  /// The letterboxes due and their notices, for signed-in clerks.
  func letterboxRoutes() -> RouteCollection<DeskRequestContext> {
    let routes = RouteCollection(context: DeskRequestContext.self).add(middleware: SignedInGuard())
    routes.get("/letterboxes") { request, context in
      try await self.signedIn(request, context) { session, _ in
        let today = self.configuration.today()
        let fromText = request.uri.queryParameters.get("from").map { String($0) } ?? today.iso
        let toText = request.uri.queryParameters.get("to").map { String($0) } ?? today.adding(days: 30).iso
        let pageNumber = request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1
        return try self.letterboxPage(
          session, from: fromText, to: toText, pageNumber: pageNumber, date: today.iso, errors: [:])
      }
    }

    routes.post("/letterboxes/notices") { request, context in
      try await self.signedIn(request, context, posting: NoticesFields.self) { session, _, form in
        let today = self.configuration.today()
        guard let date = CivilDate(iso: form.date) else {
          return try self.letterboxPage(
            session, from: today.iso, to: today.adding(days: 30).iso, date: form.date,
            errors: ["noticesDate": self.words.text("field.noticesDate")], status: .unprocessableContent)
        }
        let refusals = self.refusals
        return try await self.act(session: session, reference: "", formName: "notices") { desk, sink in
          let notices = try SendLetterboxNotices(desk: desk).run(date: date, into: sink)
          let written = notices.filter { !$0.letters.isEmpty }.count
          let problems = notices.compactMap(refusals.problem).map { Refusal.sentence($0) }
          return ActionOutcome(
            title: "outcome.noticesTitle", message: problems.isEmpty ? "outcome.notices" : "outcome.noticesProblems",
            arguments: [
              "date": .date(date), "count": .text(String(written)), "problems": .text(problems.joined(separator: " ")),
            ], letters: notices.flatMap(\.letters))
        } refused: { errors in
          try self.letterboxPage(
            session, from: today.iso, to: today.adding(days: 30).iso, date: form.date, errors: errors,
            status: .unprocessableContent)
        }
      }
    }
    return routes
  }

  private func letterboxPage(
    _ session: Session, from fromText: String, to toText: String, pageNumber: Int = 1, date: String,
    errors: [String: String],
    status: HTTPResponse.Status = .ok
  ) throws -> Response {
    var errors = errors
    let from = CivilDate(iso: fromText)
    let to = CivilDate(iso: toText)
    if from == nil { errors["dueFrom"] = words.text("field.notADate", ["typed": fromText]) }
    if to == nil { errors["dueTo"] = words.text("field.notADate", ["typed": toText]) }
    var due: [LetterboxPage.Child] = []
    var notices: [LetterboxPage.Child] = []
    var pages = Pages()
    if let from, let to {
      if from > to {
        errors["dueTo"] = words.text("field.swapDates", ["to": long(to), "from": long(from)])
      } else if to > from.adding(days: Self.longestDueWindow) {
        errors["dueTo"] = words.text(
          "field.windowTooLong",
          ["days": String(Self.longestDueWindow), "last": long(from.adding(days: Self.longestDueWindow))])
      } else {
        let (children, noticed) = try ListLetterboxesDue(registry: configuration.registry).run(from: from, to: to)
        func row(_ child: ListLetterboxesDue.Child) -> LetterboxPage.Child {
          .init(
            cpr: child.citizen.cpr.masked, name: child.citizen.name, due: long(child.dueDate),
            notice: long(child.noticeDate))
        }
        let size = max(1, configuration.letterboxPageSize)
        let count = max(1, (max(children.count, noticed.count) + size - 1) / size)
        let shown = min(max(1, pageNumber), count)
        let slice = (shown - 1) * size..<shown * size
        func window<T>(_ rows: [T]) -> ArraySlice<T> { rows[slice.clamped(to: rows.indices)] }
        due = window(children.sorted { ($0.dueDate, $0.citizen.cpr) < ($1.dueDate, $1.citizen.cpr) }).map(row)
        notices = window(noticed.sorted { ($0.noticeDate, $0.citizen.cpr) < ($1.noticeDate, $1.citizen.cpr) }).map(
          row)
        let link = { (page: Int) in "/letterboxes?from=\(from.iso)&to=\(to.iso)&page=\(page)" }
        pages = Pages(
          page: String(shown), count: String(count), several: count > 1, previous: shown > 1 ? link(shown - 1) : "",
          next: shown < count ? link(shown + 1) : "")
      }
    }
    return try page(
      "letterboxes",
      LetterboxPage(
        layout: layout("letterboxes", session), from: fromText, to: toText, due: due, notices: notices, date: date,
        pages: pages, errors: errors), status: errors.isEmpty ? status : .unprocessableContent)
  }
}
