import DigitalPost
import Documents
import PostDesk
import Registry
import XMLTemplates

/// What the citizen page shows of a citizen on a date: every CPR number masked, every rule
/// asked of DigitalPost (the same reads as `postdesk citizens show`).
///
/// It is made as the template engine's value tree (`citizen.*` in the pages), not as a record
/// the engine encodes through `Codable` on every page: the citizen page is shown for every
/// lookup, and encoding its data cost more than building it (issue 25).
struct CitizenSummary: Encodable, Sendable {
  /// The members the pages read, `citizen.NAME`:
  /// - `name`, `cpr` (masked), `asOf` (ISO, for the date field), `asOfText` (as the page writes
  ///   it), `born`, `age` (a number), `address` (a list of lines);
  /// - `status`, `statusDate`, `letterbox`, `letterboxDate`, `exempt` (a boolean), `exemption`,
  ///   `exemptionSince`, `exemptionCriteria`, `channel`, `channelReason`: in words;
  /// - `statusCode`, `letterboxCode`, `exemptionCode`, `channelCode`: the machine words of the
  ///   four states (`resident`, `active`, ...), kept in `data-value` where the page shows words;
  /// - `given`, `held`: the accesses, each `index`, `revokeID`, `giveUpID`, `other` (masked),
  ///   `otherReference`, `name`, `level` (in words), `levelCode`, `from`, `until`.
  let value: TemplateValue

  /// The summary of `cpr` as `look` found them on `date`, as a page in `words`' language shows
  /// it: states, dates, criteria, access levels and the routing reason in words (`status.WORD`,
  /// `letterbox.WORD`, ...); the machine words stay in the `…Code` members for the pages'
  /// `data-value`. `reference` names another citizen in the session (for the revoke buttons).
  ///
  /// Worded as it is made, in one pass: the page is shown for every lookup, and a summary made
  /// in machine words and worded afterwards cost a tenth of the page's time (issue 25).
  init(
    _ look: LookUpCitizen.Found, cpr: CPRNumber, on date: CivilDate, words: MessageCatalogue,
    reference: (CPRNumber) -> String
  ) {
    let found = look.citizen
    let (citizen, route, exemption) = (found.state.citizen, found.route, found.exemption)
    let statusCode: String
    let since: CivilDate?
    switch citizen.status {
    case .resident: (statusCode, since) = ("resident", nil)
    case .emigrated(let day): (statusCode, since) = ("emigrated", day)
    case .noFixedResidence(let day): (statusCode, since) = ("no-fixed-residence", day)
    case .deceased(let day): (statusCode, since) = ("deceased", day)
    }
    var reasonArguments: [String: String] = [:]
    let reasonKey: String
    switch route.channel {
    case .digital: reasonKey = "digital"
    case .paper: reasonKey = "paper"
    case .custodyHolders(let copies):
      // Under 15 (§7.3), or past 15 and never assigned a letterbox (§7.5).
      let rule = found.letterbox == .notAssignedWhileAbroad ? "noLetterboxCustodyHolders" : "custodyHolders"
      (reasonKey, reasonArguments) = (rule, ["count": "\(copies.count)"])
    case .heldForCollection(_, let municipality):
      (reasonKey, reasonArguments) = ("heldForCollection", ["municipality": "\(municipality)"])
    case .undeliverable(.unknownRecipient): reasonKey = "unknownRecipient"
    case .undeliverable(.deceased): reasonKey = "deceased"
    case .undeliverable(.noCustodyHolders): reasonKey = "noCustodyHolders"
    case .undeliverable(.noLetterbox): reasonKey = "noLetterbox"
    }
    if statusCode == "deceased", let died = since { reasonArguments["date"] = words.long(died) }
    let letterboxCode = found.letterbox.name
    let exemptionCode = exemption == nil ? "none" : "exempt"
    let channelCode = route.channel.name
    func access(_ access: LookUpCitizen.Access, index: Int) -> TemplateValue {
      let level = access.record.level.rawValue
      var members = TemplateObject(minimumCapacity: 10)
      members.append("index", .int(index + 1))
      members.append("revokeID", .string("revoke-\(index + 1)"))
      members.append("giveUpID", .string("give-up-\(index + 1)"))
      members.append("other", .string(access.other.masked))
      members.append("otherReference", .string(reference(access.other)))
      members.append("name", .string(access.otherName))
      members.append("level", .string(words.text("accessLevel.\(level)")))
      members.append("from", .string(words.long(access.record.from)))
      members.append("until", .string(words.long(access.record.until)))
      members.append("levelCode", .string(level))
      return .object(members)
    }
    var members = TemplateObject(minimumCapacity: 29)
    members.append("name", .string(citizen.name))
    members.append("cpr", .string(cpr.masked))
    members.append("asOf", .string(date.iso))
    members.append("born", .string(words.long(cpr.birthDate)))
    members.append("age", .int(LetterboxRules.age(of: cpr, on: date)))
    members.append("status", .string(words.text("status.\(statusCode)")))
    members.append("statusDate", .string(since.map(words.long) ?? ""))
    members.append(
      "address", .list(EnvelopeAddress.lines(citizen.address, in: words.language).map { .string($0) }))
    members.append("letterbox", .string(words.text("letterbox.\(letterboxCode)")))
    members.append("letterboxDate", .string(found.letterboxDate.map(words.long) ?? ""))
    members.append("exempt", .bool(exemption != nil))
    members.append("exemption", .string(words.text("exemptionState.\(exemptionCode)")))
    members.append("exemptionSince", .string(exemption.map { words.long($0.since) } ?? ""))
    members.append(
      "exemptionCriteria",
      .string(
        (exemption?.criteria.sorted() ?? []).map { words.text("criterion.\($0.rawValue)") }.joined(separator: ", ")))
    members.append("channel", .string(words.text("channel.\(channelCode)")))
    members.append("channelReason", .string(words.text("channelReason.\(reasonKey)", reasonArguments)))
    members.append("given", .list(look.given.enumerated().map { access($0.element, index: $0.offset) }))
    members.append("held", .list(look.held.enumerated().map { access($0.element, index: $0.offset) }))
    members.append("statusCode", .string(statusCode))
    members.append("letterboxCode", .string(letterboxCode))
    members.append("exemptionCode", .string(exemptionCode))
    members.append("channelCode", .string(channelCode))
    members.append("asOfText", .string(words.long(date)))
    value = .object(members)
  }

  /// The tree as one value: the engine's encoder takes it as it is (a page's data that holds
  /// a summary is not encoded member by member).
  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }
}
