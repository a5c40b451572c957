import Crypto
import DigitalPost
import Foundation
import PostDesk
import XMLTemplates

extension BatchWorker {
  typealias Rendered = (BatchDelivery, [(String, [UInt8])])

  /// Renders one copy of a letter for its channel: the HTML letter and print order for
  /// paper, the MeMo message for the letterbox, the HTML letter for the centre's counter.
  static func render(
    context: BatchContext, item: BatchItem, letter: BatchLetter, copy: String, channel: DeliveryChannel,
    lookup: (CPRNumber) -> RecipientState?
  ) -> Result<Rendered, BatchReject> {
    let name = BatchContext.name(item.sequence, copy)
    let seed = "\(context.batchID)/\(name)"
    switch channel {
    case .undeliverable(let reason):
      // Rendered all the same, and thrown away: a letter that cannot render is a reject
      // whatever the register says of its recipient.
      if case .failure(let reject) = renderHTML(context, item, letter, "", [], sendingID: name) {
        return .failure(reject)
      }
      let who = copy.isEmpty ? letter.recipient.masked : "custody holder of \(letter.recipient.masked)"
      return .success(
        (
          BatchDelivery(
            copy: copy, channel: "undeliverable", group: "", files: [], recipient: who, reason: reason.rawValue), []
        ))
    case .custodyHolders:
      return .failure(BatchReject(source: item.source, reason: "internal: nested custody copies were not flattened"))
    case .digital(let cpr):
      let memo: String
      switch letter.body {
      case .memo(let message):
        memo = MeMoWriter.message(
          uuid: BatchSupport.uuid(seed), label: message.label, senderID: message.senderID,
          senderIDType: message.senderIDType, senderLabel: message.senderLabel, recipient: cpr,
          created: message.created,
          main: message.mainDocument, additional: message.additionalDocuments)
      case .template(let template, let sender, _):
        let state = lookup(cpr)
        var content: [UInt8] = []
        switch renderHTML(
          context, item, letter, state?.citizen.name ?? "", [], sendingID: context.sendingID(item.sequence, copy))
        {
        case .success(let html): BatchSupport.appendBase64(html, to: &content)
        case .failure(let reject): return .failure(reject)
        }
        let file = MeMoLetter.File(
          encodingFormat: "text/html", filename: "\(template).html", language: letter.language.rawValue,
          content: String(decoding: content, as: UTF8.self))
        memo = MeMoWriter.message(
          uuid: BatchSupport.uuid(seed), label: String(letter.title.prefix(150)),
          senderID: sender["cvr"]?.batchString ?? "", senderIDType: "CVR",
          senderLabel: sender["name"]?.batchString ?? "",
          recipient: cpr, created: "\(letter.date.iso)T00:00:00Z", main: [file], additional: [])
      }
      let bytes = Array(memo.utf8)
      // A letterbox refuses a message that is not valid MeMo 1.2 (a 1.1 label of 200,000
      // characters, say): the letter is rejected here, with the schema's reason.
      if let problem = context.memoProblem(bytes) {
        return .failure(
          BatchReject(source: item.source, reason: "the letterbox message would not be valid MeMo 1.2: \(problem)"))
      }
      return .success(output(copy: copy, channel: "digital", group: "", files: [("digital/\(name).xml", bytes)]))
    case .heldForCollection(let cpr, let municipality):
      let state = lookup(cpr)
      let lines = [letter.language == .da ? "Afhentes i Borgerservice" : "To be collected at Citizen Service"]
      switch renderHTML(
        context, item, letter, state?.citizen.name ?? "", lines, sendingID: context.sendingID(item.sequence, copy))
      {
      case .success(let html):
        let group = municipality.description
        return .success(
          output(copy: copy, channel: "held", group: group, files: [("held/\(group)/\(name).html", html)]))
      case .failure(let reject): return .failure(reject)
      }
    case .paper(let cpr):
      let citizen = lookup(cpr)?.citizen
      let recipientName = citizen?.name ?? ""
      let address = citizen?.address ?? .none
      let sendingID = context.sendingID(item.sequence, copy)
      let lines = EnvelopeAddress.lines(address, in: letter.language)
      let html: [UInt8]
      switch renderHTML(context, item, letter, recipientName, lines, sendingID: sendingID) {
      case .success(let bytes): html = bytes
      case .failure(let reject): return .failure(reject)
      }
      let group: String
      switch address {
      case .danish(let a): group = a.postcode.count == 4 && a.postcode.allSatisfy(\.isNumber) ? a.postcode : "0000"
      case .foreign(let a): group = "abroad-\(a.countryCode.uppercased())"
      case .none: group = "0000"
      }
      let order = PrintOrderWriter.order(
        sendingID: sendingID, recipient: cpr, name: recipientName.isEmpty ? "-" : recipientName, address: address,
        title: letter.title, date: letter.date, uuid: BatchSupport.uuid(seed), html: html,
        enclosures: enclosures(letter), settings: context.settings)
      return .success(
        output(
          copy: copy, channel: "paper", group: group,
          files: [("print/\(group)/\(name).html", html), ("print/\(group)/\(name).xml", order)]))
    }
  }

  private static func output(copy: String, channel: String, group: String, files: [(String, [UInt8])]) -> Rendered {
    let listed = files.map { name, bytes in BatchOutputFile(name: name, sha256: BatchSupport.sha256(bytes)) }
    return (BatchDelivery(copy: copy, channel: channel, group: group, files: listed), files)
  }

  /// A MeMo letter's enclosures: a PDF main document, then every additional document.
  private static func enclosures(_ letter: BatchLetter) -> [PrintOrderWriter.Enclosure] {
    guard case .memo(let memo) = letter.body else { return [] }
    var files = memo.paragraphs == nil ? memo.mainDocument : []
    files += memo.additionalDocuments.joined()
    return files.map { file in
      let format = file.encodingFormat.split(separator: "/").last.map(String.init) ?? "bin"
      return PrintOrderWriter.Enclosure(name: file.filename, format: format, base64: file.content)
    }
  }

  private static func renderHTML(
    _ context: BatchContext, _ item: BatchItem, _ letter: BatchLetter, _ name: String, _ lines: [String],
    sendingID: String
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
    let data = letter.templateData(recipientName: name, addressLines: lines, reference: sendingID)
    do { return .success(context.style.apply(try template.renderBytes(value: data, mode: .html))) } catch {
      var messages: [String] = []
      for message in error.diagnostics.map(\.message) where !messages.contains(message) { messages.append(message) }
      let problems = messages.joined(separator: "; ")
      return .failure(BatchReject(source: item.source, reason: "template \(templateName): \(problems)"))
    }
  }
}
