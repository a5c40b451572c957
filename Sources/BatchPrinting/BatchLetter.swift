import DigitalPost
import Foundation
import XMLTemplates

/// A letter of a JSON Lines mailing or a MeMo message, parsed and ready to route.
struct BatchLetter: Sendable {
  enum Body: Sendable {
    /// A template of the templates folder with the mailing's data.
    case template(name: String, sender: TemplateObject, fields: TemplateObject)
    /// A MeMo message, printed through the `letter` layout or as a cover sheet.
    case memo(MeMoLetter)
  }
  var recipient: CPRNumber
  var date: CivilDate
  var language: Language
  var body: Body

  /// How a mailing's lines are read: a letter's data nests a few levels, so 64 is plenty and a
  /// hostile line is stopped early; members in name order, as every object of a letter is kept.
  static let mailingJSON = JSONReader.Options(maximumDepth: 64, membersInNameOrder: true)

  /// Parses one line of a mailing:
  /// `{"recipient", "template", "lang", "date", "sender": {…}, "fields": {…}}`.
  static func parse(line: [UInt8], source: String) -> Result<BatchLetter, BatchReject> {
    func reject(_ reason: String) -> Result<BatchLetter, BatchReject> {
      .failure(BatchReject(source: source, reason: reason))
    }
    let value: TemplateValue
    do {
      value = try JSONReader.read(line, options: mailingJSON)
    } catch {
      return reject(
        "not JSON: \(error.message) at column \(error.column)\(error.isEncoding ? "; save the mailing as UTF-8" : "")")
    }
    guard case .object(let object) = value else { return reject("not a JSON object: one letter per line") }
    for key in object.keys where !["recipient", "template", "lang", "date", "sender", "fields"].contains(key) {
      return reject("unknown member \"\(key)\" (a letter has recipient, template, lang, date, sender, fields)")
    }
    guard let cprText = object["recipient"]?.batchString else {
      return reject("missing \"recipient\": the recipient's CPR number as a string")
    }
    let cpr: CPRNumber
    do { cpr = try CPRNumber(parsing: cprText) } catch { return reject("recipient: \(error.message)") }
    guard let name = object["template"]?.batchString else { return reject("missing \"template\"") }
    guard !name.isEmpty, name.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }) else {
      return reject("template \"\(name)\" is not a template name (lower-case letters, digits and hyphens)")
    }
    let langText = object["lang"]?.batchString ?? "da"
    guard let language = Language(rawValue: langText) else { return reject("lang \"\(langText)\" is not da or en") }
    guard let dateText = object["date"]?.batchString, let date = CivilDate(iso: dateText) else {
      return reject("missing or wrong \"date\": the letter date as YYYY-MM-DD")
    }
    guard case .object(let sender)? = object["sender"] else {
      return reject("missing \"sender\": {\"name\", \"street\", \"postcode\", \"city\", \"cvr\"}")
    }
    for key in ["name", "street", "postcode", "city", "cvr"] where sender[key]?.batchString == nil {
      return reject("sender.\(key) is missing or not a string")
    }
    let fields: TemplateObject
    switch object["fields"] {
    case .object(let members)?: fields = members
    case nil: fields = TemplateObject()
    default: return reject("\"fields\" is not an object")
    }
    return .success(
      BatchLetter(
        recipient: cpr, date: date, language: language,
        body: .template(name: name, sender: sender, fields: fields)))
  }

  /// The letter of a MeMo message.
  static func of(_ memo: MeMoLetter) -> BatchLetter {
    let language = Language(rawValue: memo.mainDocument.first?.language.lowercased() ?? "da") ?? .da
    return BatchLetter(recipient: memo.recipient, date: memo.date, language: language, body: .memo(memo))
  }

  /// The subject: the MeMo label, the mailing's `fields.subject`, else the template's name.
  var title: String {
    switch body {
    case .memo(let memo): return memo.label
    case .template(let name, _, let fields): return fields["subject"]?.batchString ?? name
    }
  }

  /// The data the template sees: `recipient` (name and address lines from the registry),
  /// `sender`, `date` and `fields` (`recipient.abroad` when the letter goes abroad); and, so that the project's templates serve unchanged, the
  /// members of `fields` at the top level too, with `centre` taken from `sender` unless
  /// `fields.centre` is given.
  /// With `printRun`, the data says so (`printRun: true`): the layout then leaves out what
  /// depends on a page's place in the printed document, so that the letter prints in a run.
  func templateData(
    recipientName: String, addressLines: [String], reference: String, printRun: Bool = false, abroad: Bool = false
  ) -> TemplateValue {
    let recipient = TemplateValue.object([
      "abroad": .bool(abroad), "addressLines": .list(addressLines.map(TemplateValue.string)),
      "name": .string(recipientName),
    ])
    switch body {
    case .template(_, let sender, let fields):
      var data = fields
      data["fields"] = .object(fields)
      data["sender"] = .object(sender)
      data["date"] = .string(date.iso)
      data["recipient"] = recipient
      if printRun { data["printRun"] = .bool(true) }
      if data["centre"] == nil {
        var centre = sender
        if centre["municipality"] == nil { centre["municipality"] = sender["name"] }
        if centre["phone"] == nil { centre["phone"] = .string("") }
        data["centre"] = .object(Self.inNameOrder(centre))
      }
      return .object(Self.inNameOrder(data))
    case .memo(let memo):
      // The sender as the message gives it: its name once, and only the parts of its address
      // and telephone it carries (the layout leaves out a row with no value). No case
      // reference: the batch's sending id is the print shop's, not the sender's.
      let contact = memo.senderContact
      var centre: TemplateObject = ["name": .string(memo.senderLabel)]
      if !contact.street.isEmpty { centre["street"] = .string(contact.street) }
      if !contact.postcode.isEmpty { centre["postcode"] = .string(contact.postcode) }
      if !contact.city.isEmpty { centre["city"] = .string(contact.city) }
      if !contact.phone.isEmpty { centre["phone"] = .string(contact.phone) }
      let cover = language == .da ? "Brevet er vedlagt." : "The letter is enclosed."
      var data: TemplateObject = [
        "date": .string(date.iso), "recipient": recipient, "subject": .string(memo.label),
        "paragraphs": .list((memo.paragraphs ?? [cover]).map(TemplateValue.string)),
        "centre": .object(Self.inNameOrder(centre)),
      ]
      if printRun { data["printRun"] = .bool(true) }
      return .object(data)
    }
  }

  /// The object's members in name order (the JSON reader gives every object so; members
  /// added after reading are put in their place).
  private static func inNameOrder(_ object: TemplateObject) -> TemplateObject {
    let keys = object.keys
    if zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) { return object }
    return .nameOrdered(Array(zip(keys, object.values)))
  }
}
