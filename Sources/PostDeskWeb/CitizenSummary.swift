import DigitalPost
import Documents
import PostDesk
import Registry

/// What the citizen page shows of a citizen on a date: every CPR number masked, every rule
/// asked of DigitalPost (the same reads as `postdesk citizens show`).
struct CitizenSummary: Encodable, Sendable {
  struct Access: Encodable, Sendable {
    var index: Int
    var revokeID: String
    var giveUpID: String
    var other: String
    var otherReference: String
    var name: String
    var level: String
    var from: String
    var until: String
    var levelCode = ""
  }

  var name: String
  var cpr: String
  var asOf: String
  var born: String
  var age: Int
  var status: String
  var statusDate: String
  var address: [String]
  var letterbox: String
  var letterboxDate: String
  var exempt: Bool
  var exemption: String
  var exemptionSince: String
  var exemptionCriteria: String
  var channel: String
  var channelReason: String
  var given: [Access]
  var held: [Access]
  /// The machine words of `status`, `letterbox`, `exemption` and `channel` (`resident`,
  /// `active`, ...), kept in `data-value` where the page shows them in words.
  var statusCode = ""
  var letterboxCode = ""
  var exemptionCode = ""
  var channelCode = ""
  /// `asOf` as the page writes it; `asOf` stays ISO for the date field.
  var asOfText = ""

  /// The summary of `cpr` as `look` found them on `date`, as a page in `words`' language shows
  /// it: states, dates, criteria, access levels and the routing reason in words (`status.WORD`,
  /// `letterbox.WORD`, ...); the machine words stay in the `…Code` fields for the pages'
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
    name = citizen.name
    self.cpr = cpr.masked
    asOf = date.iso
    asOfText = words.long(date)
    born = words.long(cpr.birthDate)
    age = LetterboxRules.age(of: cpr, on: date)
    let since: CivilDate?
    switch citizen.status {
    case .resident: (statusCode, since) = ("resident", nil)
    case .emigrated(let day): (statusCode, since) = ("emigrated", day)
    case .noFixedResidence(let day): (statusCode, since) = ("no-fixed-residence", day)
    case .deceased(let day): (statusCode, since) = ("deceased", day)
    }
    status = words.text("status.\(statusCode)")
    statusDate = since.map(words.long) ?? ""
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
    address = EnvelopeAddress.lines(citizen.address, in: words.language)
    letterboxCode = found.letterbox.name
    letterbox = words.text("letterbox.\(letterboxCode)")
    letterboxDate = found.letterboxDate.map(words.long) ?? ""
    exempt = exemption != nil
    exemptionCode = exemption == nil ? "none" : "exempt"
    self.exemption = words.text("exemptionState.\(exemptionCode)")
    exemptionSince = exemption.map { words.long($0.since) } ?? ""
    exemptionCriteria = (exemption?.criteria.sorted() ?? []).map { words.text("criterion.\($0.rawValue)") }
      .joined(separator: ", ")
    channelCode = route.channel.name
    channel = words.text("channel.\(channelCode)")
    channelReason = words.text("channelReason.\(reasonKey)", reasonArguments)
    func access(_ access: LookUpCitizen.Access, index: Int) -> Access {
      let level = access.record.level.rawValue
      return Access(
        index: index + 1, revokeID: "revoke-\(index + 1)", giveUpID: "give-up-\(index + 1)", other: access.other.masked,
        otherReference: reference(access.other), name: access.otherName, level: words.text("accessLevel.\(level)"),
        from: words.long(access.record.from), until: words.long(access.record.until), levelCode: level)
    }
    given = look.given.enumerated().map { access($0.element, index: $0.offset) }
    held = look.held.enumerated().map { access($0.element, index: $0.offset) }
  }
}
