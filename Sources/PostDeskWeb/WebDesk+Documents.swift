import Foundation
import Hummingbird

extension WebDesk {
  func addDocumentRoutes(_ router: Router<DeskRequestContext>) {
    router.get("/documents/:id/:file") { request, context in
      try await self.signedIn(request) { session, _, _ in
        let id = context.parameters.get("id") ?? ""
        let file = context.parameters.get("file") ?? ""
        // Only names the desk makes: a hex folder id and a lower-case file name.
        guard id.count == 32, id.allSatisfy(\.isHexDigit),
          file.hasSuffix(".html"), !file.hasPrefix("."),
          file.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." }),
          let data = FileManager.default.contents(atPath: "\(self.configuration.documentsFolder)/\(id)/\(file)")
        else { return try self.notFound(session) }
        return Response(
          status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
          body: .init(byteBuffer: ByteBuffer(bytes: data)))
      }
    }
  }
}
