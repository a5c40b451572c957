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
  /// `active`, ...), kept in `data-value` when the page shows them in words.
  var statusCode = ""
  var letterboxCode = ""
  var exemptionCode = ""
  var channelCode = ""
  /// `asOf` as the page writes it; `asOf` stays ISO for the date field.
  var asOfText = ""
  /// The routing reason as a catalogue message (`channelReason.NAME`) and its arguments.
  var reasonKey = ""
  var reasonArguments: [String: String] = [:]
  /// The facts as recorded, for `worded(_:)`.
  var dates: [String: CivilDate] = [:]
  var criteria: [ExemptionCriterion] = []
  var postalAddress: PostalAddress = .none

  /// The summary of `cpr` as `look` found them on `date`. `reference` names another citizen
  /// in the session (for the revoke buttons).
  init(_ look: LookUpCitizen.Found, cpr: CPRNumber, on date: CivilDate, reference: (CPRNumber) -> String) {
    let found = look.citizen
    let (citizen, route, exemption) = (found.state.citizen, found.route, found.exemption)
    name = citizen.name
    self.cpr = cpr.masked
    asOf = date.iso
    born = cpr.birthDate.iso
    age = LetterboxRules.age(of: cpr, on: date)
    switch citizen.status {
    case .resident: (status, statusDate) = ("resident", "")
    case .emigrated(let since): (status, statusDate) = ("emigrated", since.iso)
    case .noFixedResidence(let since): (status, statusDate) = ("no-fixed-residence", since.iso)
    case .deceased(let day): (status, statusDate) = ("deceased", day.iso)
    }
    dates["asOf"] = date
    dates["born"] = cpr.birthDate
    dates["status"] = CivilDate(iso: statusDate)
    dates["letterbox"] = found.letterboxDate
    dates["exemption"] = exemption?.since
    criteria = exemption?.criteria.sorted() ?? []
    postalAddress = citizen.address
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
    address = EnvelopeAddress.lines(citizen.address, in: .en)
    letterbox = found.letterbox.name
    letterboxDate = found.letterboxDate?.iso ?? ""
    exempt = exemption != nil
    self.exemption = exemption == nil ? "none" : "exempt"
    exemptionSince = exemption?.since.iso ?? ""
    exemptionCriteria = exemption?.criteria.map(\.rawValue).joined(separator: ", ") ?? ""
    channel = route.channel.name
    channelReason = route.reason
    func access(_ access: LookUpCitizen.Access, index: Int) -> Access {
      Access(
        index: index + 1, revokeID: "revoke-\(index + 1)", giveUpID: "give-up-\(index + 1)", other: access.other.masked,
        otherReference: reference(access.other), name: access.otherName, level: access.record.level.rawValue,
        from: access.record.from.iso, until: access.record.until.iso)
    }
    given = look.given.enumerated().map { access($0.element, index: $0.offset) }
    held = look.held.enumerated().map { access($0.element, index: $0.offset) }
  }
}

extension CitizenSummary {
  /// The summary as a page in `words`' language shows it: states, dates, criteria, access
  /// levels and the routing reason in words (`status.WORD`, `letterbox.WORD`, ...); the
  /// machine words stay in the `…Code` fields for the pages' `data-value`.
  func worded(_ words: MessageCatalogue) -> CitizenSummary {
    var summary = self
    func long(_ key: String) -> String { dates[key].map(words.long) ?? "" }
    summary.statusCode = status
    summary.letterboxCode = letterbox
    summary.exemptionCode = exemption
    summary.channelCode = channel
    summary.status = words.text("status.\(status)")
    summary.letterbox = words.text("letterbox.\(letterbox)")
    summary.exemption = words.text("exemptionState.\(exemption)")
    summary.channel = words.text("channel.\(channel)")
    summary.asOfText = long("asOf")
    summary.born = long("born")
    summary.statusDate = long("status")
    summary.letterboxDate = long("letterbox")
    summary.exemptionSince = long("exemption")
    summary.exemptionCriteria = criteria.map { words.text("criterion.\($0.rawValue)") }.joined(separator: ", ")
    var arguments = reasonArguments
    if let died = dates["status"], status == "deceased" { arguments["date"] = words.long(died) }
    summary.channelReason = words.text("channelReason.\(reasonKey)", arguments)
    summary.address = EnvelopeAddress.lines(postalAddress, in: words.language)
    func worded(_ access: Access) -> Access {
      var access = access
      access.levelCode = access.level
      access.level = words.text("accessLevel.\(access.level)")
      access.from = CivilDate(iso: access.from).map(words.long) ?? access.from
      access.until = CivilDate(iso: access.until).map(words.long) ?? access.until
      return access
    }
    summary.given = given.map(worded)
    summary.held = held.map(worded)
    return summary
  }
}
