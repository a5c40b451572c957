import DigitalPost
import PostDesk
import XMLTemplates

/// One `<option>` of a select, with whether it is chosen.
struct Option: Encodable, Sendable {
  var value: String
  var label: String
  var selected: Bool

  /// The options `choices` (value, label) with `chosen` selected.
  static func list(_ choices: [(String, String)], chosen: String) -> [Option] {
    choices.map { Option(value: $0.0, label: $0.1, selected: $0.0 == chosen) }
  }

  /// The identity document kinds, with "none" first, in the request's language. Its value is
  /// `none`, not empty: the template engine leaves out an empty attribute, and a browser then
  /// sends the option's text.
  static func documentKinds(chosen: String) -> [Option] {
    let language = RequestLanguage.current
    return list(
      [(DocumentFields.noDocument, noneLabel)]
        + IdentityDocumentKind.allCases.map { ($0.rawValue, $0.wording(in: language)) }, chosen: chosen)
  }

  /// "— none —" in the request's language.
  static var noneLabel: String { RequestLanguage.text("document.none") }
}

/// A posted form with the two identity documents' fields (`id1Kind`, `id1Expires`, `id2Kind`,
/// `id2Expires`): the NemID/MitID check, the exemption application, the access grant.
protocol PresentsDocuments {
  var id1Kind: String { get }
  var id1Expires: String { get }
  var id2Kind: String { get }
  var id2Expires: String { get }
}

extension PresentsDocuments {
  /// The documents presented, in the command line's `KIND[:EXPIRES]` form that the domain parses.
  func presentedDocuments() throws(DomainError) -> [PresentedDocument] {
    var documents: [PresentedDocument] = []
    for (kind, expires) in [(id1Kind, id1Expires), (id2Kind, id2Expires)] {
      if kind.isEmpty || kind == DocumentFields.noDocument { continue }
      documents.append(try PresentedDocument(parsing: expires.isEmpty ? kind : "\(kind):\(expires)"))
    }
    return documents
  }
}

/// The identity documents of a form (`id1Kind`, `id1Expires`, `id2Kind`, `id2Expires`) as typed.
struct DocumentFields: Encodable, Sendable {
  var id1Kinds: [Option]
  var id1Expires: String
  var id2Kinds: [Option]
  var id2Expires: String

  /// The value of the "— none —" choice.
  static let noDocument = "none"

  init(_ form: some PresentsDocuments) {
    id1Kinds = Option.documentKinds(chosen: form.id1Kind)
    id1Expires = form.id1Expires
    id2Kinds = Option.documentKinds(chosen: form.id2Kind)
    id2Expires = form.id2Expires
  }
}

/// Where a refusal shows, and in which words: the field it concerns (`FORM-FIELD-error`) or
/// the form (`FORM-error`). The words are the catalogue's (`RefusalWording`), told to a clerk
/// at a counter rather than to someone at a command line.
enum Refusal {
  /// The key of `errors` in the page data (`applyId`, `grantHelper`, `apply`, …) and the message.
  static func place(_ error: any Error, form: String, _ wording: RefusalWording) -> (key: String, message: String) {
    func field(_ name: String) -> String { form + name }
    switch error {
    case let error as DomainError:
      let message = sentence(wording.words(error))
      switch error {
      case .unknownDocumentKind, .malformedDocument, .identityNotVerified: return (field("Id"), message)
      case .unknownCriterion, .noCriterionTicked: return (field("Criterion"), message)
      case .representativeIsApplicant, .representativeUnnamed, .representativeUnderAge:
        return (field("OnBehalf"), message)
      case .helperIsOwner: return (field("Helper"), message)
      case .deceased(let role, _, _), .tooYoung(let role, _, _, _):
        return (role == .helper ? field("Helper") : role == .representative ? field("OnBehalf") : form, message)
      case .expiryInPast, .expiryNotAfterStart: return (field("Until"), message)
      case .exemptionLiftNotConfirmed: return (field("LiftExemption"), message)
      case .exemptionEndsAccess: return (field("EndAccess"), message)
      default: return (form, message)
      }
    case let error as DeskError:
      switch error {
      case .unknownCitizen(_, let role):
        let key = role == .helper ? field("Helper") : role == .representative ? field("OnBehalf") : form
        return (key, sentence(wording.words(error)))
      case .unknownApplication, .notTheCitizensApplication, .applicationAlreadyDecided, .applicationWithdrawn:
        return (field("Application"), sentence(wording.words(error)))
      case .noAccess(let owner, let helper) where form == "giveUp":
        return (form, sentence(wording.text("noAccessGiveUp", ["owner": "\(owner)", "helper": "\(helper)"])))
      default: return (form, sentence(wording.words(error)))
      }
    default:
      return (form, sentence("\(error)"))
    }
  }

  /// A message as a sentence: capital first letter, full stop.
  static func sentence(_ text: String) -> String {
    guard let first = text.first else { return text }
    let capitalised = first.uppercased() + text.dropFirst()
    return capitalised.hasSuffix(".") || capitalised.hasSuffix(")") ? capitalised : capitalised + "."
  }
}

/// The addresses of one citizen's pages and forms, by the session's reference.
struct Links: Encodable, Sendable {
  var citizen, exemption, access, audit: String
  var printForm, apply, decide, withdraw, withdrawApplication, grant, revoke, giveUp, nemid: String

  /// Every link empty when there is no citizen (the letterbox notices).
  init(_ reference: String) {
    let base = reference.isEmpty ? "" : "/citizens/\(reference)"
    func at(_ path: String) -> String { base.isEmpty ? "" : base + path }
    citizen = base
    exemption = at("/exemption")
    access = at("/access")
    audit = at("/audit")
    printForm = at("/exemption/form")
    apply = at("/exemption/apply")
    decide = at("/exemption/decide")
    withdraw = at("/exemption/withdraw")
    withdrawApplication = at("/exemption/withdraw-application")
    grant = at("/access/grant")
    revoke = at("/access/revoke")
    giveUp = at("/access/give-up")
    nemid = at("/nemid")
  }

  /// The links as the template engine's value tree (`links.*`), made directly: the citizen's
  /// pages all have them, and encoding them through `Codable` cost more than making them.
  var value: TemplateValue {
    var members = TemplateObject(minimumCapacity: 13)
    members.append("citizen", .string(citizen))
    members.append("exemption", .string(exemption))
    members.append("access", .string(access))
    members.append("audit", .string(audit))
    members.append("printForm", .string(printForm))
    members.append("apply", .string(apply))
    members.append("decide", .string(decide))
    members.append("withdraw", .string(withdraw))
    members.append("withdrawApplication", .string(withdrawApplication))
    members.append("grant", .string(grant))
    members.append("revoke", .string(revoke))
    members.append("giveUp", .string(giveUp))
    members.append("nemid", .string(nemid))
    return .object(members)
  }

  /// The tree as one value: the engine's encoder takes it as it is.
  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }
}
