import Crypto
import DigitalPost
import Documents
import Foundation
import XMLTemplates

extension BatchWorker {
  /// Renders one copy of a letter for its channel. Paper: the letter and its print order
  /// under `print/GROUP/`; letterbox: the MeMo message under `digital/`; held for collection:
  /// the letter under `held/MUNICIPALITY/`. In a PDF batch a letter is printed to PDF and its
  /// files are made from that (see `LetterPrint`); in an HTML batch it is written as HTML.
  static func render(
    context: BatchContext, item: BatchItem, letter: BatchLetter, copy: String, channel: DeliveryChannel,
    lookup: (CPRNumber) -> RecipientState?
  ) -> Result<RenderedCopy, BatchReject> {
    let name = BatchContext.name(item.sequence, copy)
    let seed = "\(context.batchID)/\(name)"
    let pdf = context.format == .pdf
    switch channel {
    case .undeliverable(let reason):
      // Rendered all the same, and thrown away: a letter that cannot render is a reject
      // whatever the register says of its recipient.
      if case .failure(let reject) = renderHTML(context, item, letter, "", [], sendingID: name, printRun: false) {
        return .failure(reject)
      }
      let who = copy.isEmpty ? letter.recipient.masked : "custody holder of \(letter.recipient.masked)"
      return .success(
        RenderedCopy(
          delivery: BatchDelivery(
            copy: copy, channel: .undeliverable, group: "", files: [], recipient: who, reason: reason.rawValue),
          files: []))
    case .custodyHolders:
      return .failure(BatchReject(source: item.source, reason: "internal: nested custody copies were not flattened"))
    case .digital(let cpr):
      let delivery = BatchDelivery(copy: copy, channel: .digital, group: "", files: [])
      let path = "digital/\(name).xml"
      switch letter.body {
      case .memo(let message):
        return checkedMeMo(context, item, path: path) { () throws(TemplateError) in
          try MeMoWriter.message(
            uuid: BatchDigest.messageUUID(seed), label: message.label, senderID: message.senderID,
            senderIDType: message.senderIDType, senderLabel: message.senderLabel, recipient: cpr,
            created: message.created, main: message.mainDocument, additional: message.additionalDocuments)
        }.map { RenderedCopy(delivery: delivery, files: $0, print: nil) }
      case .template(let template, let sender, _):
        let recipientName = lookup(cpr)?.citizen.name ?? ""
        let sendingID = context.sendingID(item.sequence, copy)
        // What Digital Post shows, and prints should the recipient be exempted later: the
        // letter as PDF in a PDF batch, as HTML in an HTML batch.
        func memo(_ content: [UInt8], format: String, suffix: String) -> Result<[(String, [UInt8])], BatchReject> {
          let file = MeMoLetter.File(
            encodingFormat: format, filename: "\(template).\(suffix)", language: letter.language.rawValue,
            content: Data(content).base64EncodedString())
          return checkedMeMo(context, item, path: path) { () throws(TemplateError) in
            try MeMoWriter.message(
              uuid: BatchDigest.messageUUID(seed), label: String(letter.title.prefix(150)),
              senderID: sender["cvr"]?.batchString ?? "", senderIDType: "CVR",
              senderLabel: sender["name"]?.batchString ?? "",
              recipient: cpr, created: "\(letter.date.iso)T00:00:00Z", main: [file], additional: [])
          }
        }
        let html: [UInt8]
        switch renderHTML(context, item, letter, recipientName, [], sendingID: sendingID, printRun: pdf) {
        case .success(let bytes): html = bytes
        case .failure(let reject): return .failure(reject)
        }
        guard pdf else {
          return memo(html, format: "text/html", suffix: "html").map {
            RenderedCopy(delivery: delivery, files: $0, print: nil)
          }
        }
        let print = LetterPrint(
          html: html, date: letter.date,
          alone: { renderHTML(context, item, letter, recipientName, [], sendingID: sendingID, printRun: false) },
          finish: { memo($0.pdf, format: "application/pdf", suffix: "pdf") })
        return .success(RenderedCopy(delivery: delivery, files: [], print: print))
      }
    case .heldForCollection(let cpr, let municipality):
      let recipientName = lookup(cpr)?.citizen.name ?? ""
      let lines = [letter.language == .da ? "Afhentes i Borgerservice" : "To be collected at Citizen Service"]
      let sendingID = context.sendingID(item.sequence, copy)
      let group = municipality.description
      let delivery = BatchDelivery(copy: copy, channel: .held, group: group, files: [])
      let html: [UInt8]
      switch renderHTML(context, item, letter, recipientName, lines, sendingID: sendingID, printRun: pdf) {
      case .success(let bytes): html = bytes
      case .failure(let reject): return .failure(reject)
      }
      guard pdf else {
        return .success(RenderedCopy(delivery: delivery, files: [("held/\(group)/\(name).html", html)]))
      }
      let print = LetterPrint(
        html: html, date: letter.date,
        alone: { renderHTML(context, item, letter, recipientName, lines, sendingID: sendingID, printRun: false) },
        finish: { .success([("held/\(group)/\(name).pdf", $0.pdf)]) })
      return .success(RenderedCopy(delivery: delivery, files: [], print: print))
    case .paper(let cpr):
      let citizen = lookup(cpr)?.citizen
      let recipientName = citizen?.name ?? ""
      let address = citizen?.address ?? .none
      let sendingID = context.sendingID(item.sequence, copy)
      let lines = EnvelopeAddress.lines(address, in: letter.language)
      switch EnvelopeWindow.problem(name: recipientName, lines: lines) {
      case .tooManyLines(let count)?:
        return .failure(
          BatchReject(
            source: item.source,
            reason: "the address of \(cpr.masked) has \(count) lines with the name and the envelope window holds "
              + "\(EnvelopeWindow.lines); shorten it in the CPR extract"))
      case .tooWide(let line, let width)?:
        return .failure(
          BatchReject(
            source: item.source,
            reason: "the address of \(cpr.masked) does not fit the envelope window: the line \"\(line)\" is "
              + "\(width) mm wide at 10 pt and the window holds \(Int(EnvelopeWindow.widthMillimetres)) mm; "
              + "shorten the line in the CPR extract"))
      case nil:
        break
      }
      let enclosures: [PrintOrderWriter.Enclosure]
      switch Self.enclosures(letter, source: item.source, maxPages: context.maxPages) {
      case .success(let found): enclosures = found
      case .failure(let reject): return .failure(reject)
      }
      let abroad = EnvelopeAddress.isAbroad(address)
      let html: [UInt8]
      switch renderHTML(
        context, item, letter, recipientName, lines, sendingID: sendingID, printRun: pdf, abroad: abroad)
      {
      case .success(let bytes): html = bytes
      case .failure(let reject): return .failure(reject)
      }
      let group: String
      switch address {
      case .danish(let a): group = a.postcode.count == 4 && a.postcode.allSatisfy(\.isNumber) ? a.postcode : "0000"
      case .foreign(let a): group = "abroad-\(a.countryCode.uppercased())"
      case .none: group = "0000"
      }
      let delivery = BatchDelivery(copy: copy, channel: .paper, group: group, files: [])
      func files(_ content: [UInt8], format: DocumentFormat, pages: Int? = nil) -> Result<
        [(String, [UInt8])], BatchReject
      > {
        let order: [UInt8]
        do {
          order = try PrintOrderWriter.order(
            sendingID: sendingID, recipient: cpr, name: recipientName.isEmpty ? "-" : recipientName, address: address,
            title: letter.title, date: letter.date, uuid: BatchDigest.messageUUID(seed), content: content,
            format: format, pages: pages, enclosures: enclosures, settings: context.settings)
        } catch {
          return .failure(BatchReject(source: item.source, reason: "the print order cannot be written: \(error)"))
        }
        let letterFile = "print/\(group)/\(name).\(format.fileSuffix)"
        return .success([(letterFile, content), ("print/\(group)/\(name).xml", order)])
      }
      guard pdf else { return files(html, format: .html).map { RenderedCopy(delivery: delivery, files: $0) } }
      let print = LetterPrint(
        html: html, date: letter.date,
        alone: {
          renderHTML(context, item, letter, recipientName, lines, sendingID: sendingID, printRun: false, abroad: abroad)
        },
        finish: { files($0.pdf, format: .pdf, pages: $0.pages) })
      return .success(RenderedCopy(delivery: delivery, files: [], print: print))
    }
  }

  /// The message `write` writes as a letterbox file, or the letter rejected: a letterbox refuses
  /// a message that is not valid MeMo 1.2 (a 1.1 label of 200,000 characters, say).
  private static func checkedMeMo(
    _ context: BatchContext, _ item: BatchItem, path: String, _ write: () throws(TemplateError) -> [UInt8]
  ) -> Result<[(String, [UInt8])], BatchReject> {
    let bytes: [UInt8]
    do {
      bytes = try write()
    } catch {
      return .failure(BatchReject(source: item.source, reason: "the letterbox message cannot be written: \(error)"))
    }
    if let problem = context.memoProblem(bytes) {
      return .failure(
        BatchReject(source: item.source, reason: "the letterbox message would not be valid MeMo 1.2: \(problem)"))
    }
    return .success([(path, bytes)])
  }

  /// The files of a copy as its delivery lists them, with their digests.
  static func listed(_ files: [(String, [UInt8])]) -> [BatchOutputFile] {
    files.map { name, bytes in BatchOutputFile(name: name, sha256: BatchDigest.sha256(bytes)) }
  }

  /// A MeMo letter's enclosures, in the order they are printed: its main document when that
  /// is a PDF (the letter is then a cover sheet), then one form of every additional document.
  /// The files of one document are alternative forms of it, and the print shop prints PDF:
  /// the PDF one is taken; a document with none cannot be printed, and the letter is rejected.
  /// Each PDF is checked for print and written anew without active content
  /// (`EnclosureCheck`); one that is unfit rejects the letter, with the reason.
  private static func enclosures(_ letter: BatchLetter, source: String, maxPages: Int) -> Result<
    [PrintOrderWriter.Enclosure], BatchReject
  > {
    guard case .memo(let memo) = letter.body else { return .success([]) }
    var documents: [[MeMoLetter.File]] = []
    if memo.printedMainDocument == nil { documents.append(memo.mainDocument) }
    documents += memo.additionalDocuments
    var enclosures: [PrintOrderWriter.Enclosure] = []
    for document in documents {
      guard let file = document.first(where: \.isPDF) else {
        let forms = document.map { "\($0.filename) (\($0.encodingFormat))" }.joined(separator: ", ")
        return .failure(
          BatchReject(
            source: source,
            reason: "the enclosure \(forms) cannot be printed: the print shop prints PDF; "
              + "give the document as application/pdf, or send the letter to a letterbox"))
      }
      switch EnclosureCheck.check([UInt8](Data(base64Encoded: file.content) ?? Data()), maxPages: maxPages) {
      case .success(let checked):
        enclosures.append(
          PrintOrderWriter.Enclosure(name: file.filename, base64: Data(checked.pdf).base64EncodedString()))
      case .failure(let problem):
        return .failure(BatchReject(source: source, reason: "the enclosure \(file.filename) \(problem.reason)"))
      }
    }
    return .success(enclosures)
  }

  private static func renderHTML(
    _ context: BatchContext, _ item: BatchItem, _ letter: BatchLetter, _ name: String, _ lines: [String],
    sendingID: String, printRun: Bool, abroad: Bool = false
  ) -> Result<[UInt8], BatchReject> {
    let templateName: String
    switch letter.body {
    case .template(let name, _, _): templateName = name
    case .memo: templateName = "letter"
    }
    let template: Template
    switch context.template(templateName, letter.language, source: item.source) {
    case .success(let compiled): template = compiled
    case .failure(let reject): return .failure(reject)
    }
    let data = letter.templateData(
      recipientName: name, addressLines: lines, reference: sendingID, printRun: printRun, abroad: abroad)
    do { return .success(context.style.apply(try template.renderBytes(value: data, mode: .html))) } catch {
      var messages: [String] = []
      for message in error.diagnostics.map(\.message) where !messages.contains(message) { messages.append(message) }
      let problems = messages.joined(separator: "; ")
      return .failure(BatchReject(source: item.source, reason: "template \(templateName): \(problems)"))
    }
  }
}
