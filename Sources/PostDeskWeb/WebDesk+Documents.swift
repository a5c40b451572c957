import DigitalPost
import Documents
import Foundation
import Hummingbird
import PostDesk

extension WebDesk {
  /// The letters an action produced, for signed-in clerks of its centre.
  func documentRoutes() -> RouteCollection<DeskRequestContext> {
    let routes = RouteCollection(context: DeskRequestContext.self).add(middleware: SignedInGuard())
    routes.get("/documents/:id/:file") { request, context in
      try await self.signedIn(request, context) { session, clerk in
        let id = context.parameters.get("id") ?? ""
        let file = context.parameters.get("file") ?? ""
        // Only names the desk makes: a hex action id and a lower-case name with its format's
        // suffix; and only the letters a clerk of this clerk's centre produced (another
        // centre's are not found).
        guard id.count == 32, id.allSatisfy(\.isHexDigit), let (name, format) = Self.letterName(file) else {
          return try self.notFound(session)
        }
        let today = self.configuration.today()
        guard
          let contents = try await self.offload({
            try self.letter(action: id, name: name, format: format, for: clerk.centre, on: today)
          })
        else { return try self.notFound(session) }
        let headers = format == .pdf ? Self.pdfHeaders : Self.letterHeaders
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: contents)))
      }
    }
    return routes
  }

  /// `NAME.html` or `NAME.pdf` as the name and format of a letter, if it is a name the desk
  /// makes: lower-case letters, digits and hyphens.
  static func letterName(_ file: String) -> (String, DocumentFormat)? {
    for format in DocumentFormat.allCases where file.hasSuffix(".\(format.fileSuffix)") {
      let name = String(file.dropLast(format.fileSuffix.count + 1))
      guard !name.isEmpty, !name.hasPrefix("-"),
        name.allSatisfy({ ($0.isLetter && $0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" })
      else { return nil }
      return (name, format)
    }
    return nil
  }

  /// The letter `name` in `format` of action `id`, as the registry keeps it, when a clerk of
  /// `centre` made it; nil otherwise. A PDF not yet printed is printed from the kept HTML the
  /// first time it is asked for, dated `date`, and kept beside it (as old as the letter), so
  /// that every later answer, from any desk on the registry, is the same bytes.
  private func letter(
    action id: String, name: String, format: DocumentFormat, for centre: MunicipalityCode, on date: CivilDate
  )
    throws -> Data?
  {
    let registry = configuration.registry
    if let kept = try registry.keptDocument(action: id, name: name, format: format.rawValue) {
      return kept.centre == centre ? kept.contents : nil
    }
    guard format == .pdf,
      let html = try registry.keptDocument(action: id, name: name, format: DocumentFormat.html.rawValue),
      html.centre == centre
    else { return nil }
    let pdf = try printer.pdf(html: String(decoding: html.contents, as: UTF8.self), on: date)
    return try registry.keepDocumentOnce(
      action: id, name: name, format: format.rawValue, centre: html.centre, madeAt: html.madeAt, contents: pdf)
  }
}
