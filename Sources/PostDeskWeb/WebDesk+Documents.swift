import DigitalPost
import Foundation
import Hummingbird
import PostDesk

extension WebDesk {
  func addDocumentRoutes(_ router: Router<DeskRequestContext>) {
    router.get("/documents/:id/:file") { request, context in
      try await self.signedIn(request) { session, clerk in
        let id = context.parameters.get("id") ?? ""
        let file = context.parameters.get("file") ?? ""
        // Only names the desk makes: a hex folder id and a lower-case file name; and only the
        // letters a clerk of this clerk's centre produced (another centre's are not found).
        guard id.count == 32, id.allSatisfy(\.isHexDigit),
          file.hasSuffix(".html") || file.hasSuffix(".pdf"), !file.hasPrefix("."),
          file.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." }),
          self.documentsFolder.centre(of: id) == clerk.centre
        else { return try self.notFound(session) }
        if file.hasSuffix(".pdf") {
          let html = String(file.dropLast(".pdf".count)) + ".html"
          let today = self.configuration.today()
          guard let pdf = try await self.offload({ try self.pdf(folder: id, file: file, of: html, on: today) }) else {
            return try self.notFound(session)
          }
          return Response(status: .ok, headers: Self.pdfHeaders, body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
        }
        guard let data = self.letter(folder: id, file: file) else { return try self.notFound(session) }
        return Response(status: .ok, headers: Self.letterHeaders, body: .init(byteBuffer: ByteBuffer(bytes: data)))
      }
    }
  }

  /// The PDF of the letter `html` in folder `id`: printed by headless Chromium the first time
  /// it is asked for and kept beside it as `file`, so that every later answer is the same
  /// bytes. Nil when there is no such letter.
  private func pdf(folder id: String, file: String, of html: String, on date: CivilDate) throws -> Data? {
    if let printed = letter(folder: id, file: file) { return printed }
    guard let source = letter(folder: id, file: html) else { return nil }
    let pdf = try DocumentPDF.print(String(decoding: source, as: UTF8.self), on: date)
    try DocumentFile.write(pdf, to: "\(configuration.documentsFolder)/\(id)/\(file)")
    return pdf
  }

  /// The letter `file` in folder `id`, if both are what the desk writes: a real folder and a
  /// regular file. A symbolic link is never followed, wherever it points.
  private func letter(folder id: String, file: String) -> Data? {
    let folder = "\(configuration.documentsFolder)/\(id)"
    let path = "\(folder)/\(file)"
    let manager = FileManager.default
    guard (try? manager.attributesOfItem(atPath: folder))?[.type] as? FileAttributeType == .typeDirectory,
      (try? manager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeRegular
    else { return nil }
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    return try? FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).readToEnd() ?? Data()
  }
}
