import DigitalPost
import Documents
import XMLTemplates

/// Words a refusal for the one who reads it, from the catalogue of their language: the
/// domain's and the desk's refusals carry structure (which rule, whom, which dates), and each
/// catalogue has one message per case (`refusal.NAME`), with a variant where the command
/// line and the counter say it differently (`commandLine.NAME`, `counter.NAME`).
public struct RefusalWording: Sendable {
  /// Who reads the refusal.
  public enum Audience: String, Sendable {
    /// Someone at a command line: messages name the commands and options.
    case commandLine
    /// A clerk at the counter: messages name the form's fields and buttons.
    case counter
  }

  /// The messages in the reader's language.
  public let catalogue: MessageCatalogue
  /// Who reads the refusals: picks a message's variant where there is one.
  public let audience: Audience

  /// Words refusals from `catalogue` for `audience`.
  public init(_ catalogue: MessageCatalogue, for audience: Audience) {
    self.catalogue = catalogue
    self.audience = audience
  }

  /// The message `name` for this audience, with its arguments.
  public func text(_ name: String, _ arguments: [String: String] = [:]) -> String {
    let specific = "\(audience.rawValue).\(name)"
    return catalogue.text(catalogue.has(specific) ? specific : "refusal.\(name)", arguments)
  }

  /// A date in a refusal: as typed at the command line (`2026-11-22`), in words at the counter.
  public func date(_ date: CivilDate) -> String {
    audience == .commandLine ? date.iso : catalogue.long(date)
  }

  /// The words for a role (`applicant`, `helper`, ...).
  func role(_ role: PersonRole) -> String { catalogue.text("role.\(role.rawValue)") }

  /// The refusal `error` in words; nil for an error that is not a refusal (a failure).
  public func words(_ error: any Error) -> String? {
    switch error {
    case let error as DomainError: words(error)
    case let error as DeskError: words(error)
    case let error as CPRNumber.ParseError: words(error)
    case let error as ClerkAccounts.Refusal: words(error)
    default: nil
    }
  }

  /// A rule's refusal in words.
  public func words(_ error: DomainError) -> String {
    switch error {
    case .unknownDocumentKind(let typed):
      let guess = Suggestion.closest(to: typed, among: IdentityDocumentKind.allCases.map(\.rawValue))
      return text(
        "unknownDocumentKind",
        [
          "typed": typed, "guess": guess.map { text("didYouMean", ["word": $0]) } ?? "",
          "photo": IdentityDocumentKind.photoKinds.map(\.rawValue).joined(separator: ", "),
          "other": IdentityDocumentKind.nonPhotoKinds.map(\.rawValue).joined(separator: ", "),
        ])
    case .malformedDocument(let typed, .extraParts):
      return text("malformedDocument", ["typed": typed, "problem": text("documentExtraParts")])
    case .malformedDocument(let typed, .notADate(let date)):
      return text("malformedDocument", ["typed": typed, "problem": text("documentNotADate", ["date": date])])
    case .malformedDocument(let typed, .noIssueDate):
      return text("malformedDocument", ["typed": typed, "problem": text("documentNoIssueDate")])
    case .unknownCriterion(let typed):
      let words = ExemptionCriterion.allCases.map(\.rawValue)
      let guess = Suggestion.closest(to: typed, among: words)
      return text(
        "unknownCriterion",
        [
          "typed": typed, "guess": guess.map { text("didYouMean", ["word": $0]) } ?? "",
          "words": words.joined(separator: ", "),
        ])
    case .recordMismatch(let expected, let found):
      return text("recordMismatch", ["expected": "\(expected)", "found": "\(found)"])
    case .deceased(let role, let cpr, let died):
      return text("deceased\(role.rawValue.capitalizedFirst)", ["cpr": "\(cpr)", "date": date(died)])
    case .tooYoung(let role, let cpr, let age, let on):
      return text(
        "tooYoung",
        [
          "role": self.role(role), "cpr": "\(cpr)", "age": String(age), "date": date(on),
          "aRole": catalogue.text("role.\(role.rawValue)WithArticle"),
          "due": date(LetterboxRules.dueDate(birthDate: cpr.birthDate)),
        ])
    case .alreadyExempt(let cpr, let since):
      return text("alreadyExempt", ["cpr": "\(cpr)", "date": date(since)])
    case .noCriterionTicked(let cpr):
      return text("noCriterionTicked", ["cpr": "\(cpr)"])
    case .representativeIsApplicant(let cpr):
      return text("representativeIsApplicant", ["cpr": "\(cpr)"])
    case .representativeUnnamed:
      return text("representativeUnnamed")
    case .declarationMissing(let cpr):
      return text("declarationMissing", ["cpr": "\(cpr)"])
    case .identityNotVerified(let who, let refusal):
      return text("identityNotVerified", ["who": holder(who), "reason": reason(refusal)])
    case .exemptionAlreadyWithdrawn(let cpr, let on):
      return text("exemptionAlreadyWithdrawn", ["cpr": "\(cpr)", "date": date(on)])
    case .withdrawalBeforeExemption(let cpr, let since, let on):
      return text("withdrawalBeforeExemption", ["cpr": "\(cpr)", "since": date(since), "date": date(on)])
    case .helperIsOwner(let cpr):
      return text("helperIsOwner", ["cpr": "\(cpr)"])
    case .expiryInPast(let until, let today):
      return text("expiryInPast", ["until": date(until), "today": date(today)])
    case .expiryNotAfterStart(let until, let from):
      return text("expiryNotAfterStart", ["until": date(until), "from": date(from)])
    case .exemptionLiftNotConfirmed(let cpr):
      return text("exemptionLiftNotConfirmed", ["cpr": "\(cpr)"])
    case .notOwner(let cpr, let owner):
      return text("notOwner", ["cpr": "\(cpr)", "owner": "\(owner)"])
    case .notHelper(let cpr, let helper):
      return text("notHelper", ["cpr": "\(cpr)", "helper": "\(helper)"])
    case .accessAlreadyEnded(let owner, let helper, let reason, let on):
      return text(
        "accessAlreadyEnded",
        [
          "owner": "\(owner)", "helper": "\(helper)", "date": date(on),
          "reason": catalogue.text("accessEnd.\(reason.rawValue)"),
        ])
    case .invalidClerkID(let id):
      return text("invalidClerkID", ["id": id])
    case .applicationPending(let cpr, let pending):
      return text(
        "applicationPending", ["cpr": "\(cpr)", "id": String(pending.id), "date": date(pending.receivedOn)])
    case .emigrantAlwaysGranted(let cpr):
      return text("emigrantAlwaysGranted", ["cpr": "\(cpr)"])
    case .representativeUnderAge(let cpr, let age, let on):
      return text(
        "representativeUnderAge",
        [
          "cpr": "\(cpr)", "age": String(age), "date": date(on),
          "ofAge": date(ExemptionRules.representativeOfAge(cpr)),
        ])
    case .notDecidingMunicipality(let cpr, let deciding, let centre):
      return text(
        "notDecidingMunicipality", ["cpr": "\(cpr)", "deciding": "\(deciding)", "centre": "\(centre)"])
    case .diedBeforeBirth(let cpr, let died):
      return text("diedBeforeBirth", ["cpr": "\(cpr)", "died": date(died), "born": date(cpr.birthDate)])
    case .diedAfter(let cpr, let died, let effective):
      return text("diedAfter", ["cpr": "\(cpr)", "died": date(died), "date": date(effective)])
    case .custodyHolderTwice(let cpr, let holder):
      return text("custodyHolderTwice", ["cpr": "\(cpr)", "holder": "\(holder)"])
    case .bornAfter(let cpr, let on):
      return text("bornAfter", ["cpr": "\(cpr)", "born": date(cpr.birthDate), "date": date(on)])
    case .noLetterbox(let cpr, let since, let turned15):
      return text("noLetterbox", ["cpr": "\(cpr)", "since": date(since), "turned15": date(turned15)])
    case .exemptionEndsAccess(let cpr, let helpers):
      return text(
        "exemptionEndsAccess", ["cpr": "\(cpr)", "helpers": helpers.map(\.description).joined(separator: ", ")])
    case .exemptionEndedByDeath(let cpr, let died):
      return text("exemptionEndedByDeath", ["cpr": "\(cpr)", "date": date(died)])
    case .applicationWithdrawalAfterDeath(let cpr, let id, let died):
      return text("applicationWithdrawalAfterDeath", ["cpr": "\(cpr)", "id": String(id), "date": date(died)])
    }
  }

  /// Who appeared, as an identity refusal names them.
  func holder(_ holder: IdentityHolder) -> String {
    switch holder {
    case .applicant(let cpr): catalogue.text("identityHolder.applicant", ["cpr": "\(cpr)"])
    case .representative(let name): catalogue.text("identityHolder.representative", ["name": name])
    case .owner(let cpr): catalogue.text("identityHolder.owner", ["cpr": "\(cpr)"])
    case .ownersRepresentative(let cpr): catalogue.text("identityHolder.ownersRepresentative", ["cpr": "\(cpr)"])
    }
  }

  /// Why identity was not verified, and what would do.
  public func reason(_ refusal: IdentityRules.Refusal) -> String {
    catalogue.text(
      "identity.reason",
      [
        "problems": refusal.problems.map(problem).joined(separator: catalogue.text("identity.and")),
        "whatWouldDo": catalogue.text("identity.whatWouldDo"),
      ])
  }

  /// One reason identity was not verified.
  func problem(_ problem: IdentityProblem) -> String {
    func name(_ kind: IdentityDocumentKind) -> String { catalogue.text("documentName.\(kind.rawValue)") }
    func the(_ kind: IdentityDocumentKind) -> String { catalogue.text("identity.the", ["document": name(kind)]) }
    func listed(_ kinds: [IdentityDocumentKind]) -> String {
      let items = kinds.map(the)
      guard items.count > 1 else { return items.first ?? "" }
      return items.dropLast().joined(separator: ", ") + catalogue.text("identity.listAnd") + items.last!
    }
    switch problem {
    case .noDocument: return catalogue.text("identity.noDocument")
    case .missingExpiry(let kind):
      return catalogue.text("identity.missingExpiry", ["document": name(kind), "kind": kind.rawValue])
    case .expired(let kind, let on):
      return catalogue.text("identity.expired", ["document": name(kind), "date": date(on)])
    case .benefitReceiptUndated: return catalogue.text("identity.benefitReceiptUndated")
    case .benefitReceiptTooOld(let issued):
      return catalogue.text("identity.benefitReceiptTooOld", ["issued": date(issued)])
    case .benefitReceiptFuture(let issued, let on):
      return catalogue.text("identity.benefitReceiptFuture", ["issued": date(issued), "date": date(on)])
    case .noValidDocument: return catalogue.text("identity.noValidDocument")
    case .aloneNotEnough(let kind): return catalogue.text("identity.aloneNotEnough", ["document": name(kind)])
    case .oneEntry(let kinds): return catalogue.text("identity.oneEntry", ["documents": listed(kinds)])
    case .noAnchor(let kinds): return catalogue.text("identity.noAnchor", ["documents": listed(kinds)])
    case .noCPRNumberShown(let kinds) where kinds.count == 2:
      return catalogue.text("identity.noCPRNumberShownTwo", ["first": name(kinds[0]), "second": name(kinds[1])])
    case .noCPRNumberShown(let kinds): return catalogue.text("identity.noCPRNumberShown", ["documents": listed(kinds)])
    }
  }

  /// The answer of a NemID/MitID check for `cpr`, in words: eligible (and whether the code card
  /// comes by post), or why not, which supports exemption criterion 5.
  public func nemID(_ result: CheckNemID.Result, for cpr: CPRNumber) -> String {
    let why: NemIDIneligibility
    switch result.eligibility {
    case .eligible(let codeCardByPost):
      return catalogue.text(codeCardByPost ? "nemid.eligibleByPost" : "nemid.eligible", ["cpr": "\(cpr)"])
    case .notEligible(let reason): why = reason
    }
    let reason: String
    switch why {
    case .noCPRNumber: reason = catalogue.text("nemid.noCPRNumber")
    case .tooYoung(let cpr, let age, let on, let due):
      reason = catalogue.text(
        "nemid.tooYoung", ["cpr": "\(cpr)", "age": String(age), "date": date(on), "due": date(due)])
    case .identity(let refusal): reason = catalogue.text("nemid.identity", ["reason": self.reason(refusal)])
    case .shortStayWithoutWitness(let cpr): reason = catalogue.text("nemid.shortStay", ["cpr": "\(cpr)"])
    case .deceased(let cpr, let died): reason = catalogue.text("nemid.deceased", ["cpr": "\(cpr)", "date": date(died)])
    case .codeCardCannotBePosted(let cpr): reason = catalogue.text("nemid.codeCardCannotBePosted", ["cpr": "\(cpr)"])
    }
    // A death is evidence for no criterion: the sentence stops at the reason.
    let sentence = why.evidenceFor == nil ? "nemid.notEligibleNoCriterion" : "nemid.notEligible"
    return catalogue.text(sentence, ["cpr": "\(cpr)", "reason": reason])
  }

  /// What is wrong with a typed CPR number, in words.
  public func words(_ error: CPRNumber.ParseError) -> String {
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    func month(_ number: Int) -> String {
      let months = catalogue.text("date.months").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      return months.indices.contains(number - 1) ? months[number - 1] : String(number)
    }
    let problem: String
    switch error.problem {
    case .notADigit(let position, let character):
      problem = catalogue.text("cpr.notADigit", ["position": String(position), "character": character])
    case .digitCount(let count): problem = catalogue.text("cpr.digitCount", ["count": String(count)])
    case .hyphenPlace: problem = catalogue.text("cpr.hyphenPlace")
    case .noSuchMonth(let number): problem = catalogue.text("cpr.noSuchMonth", ["month": two(number)])
    case .dayZero: problem = catalogue.text("cpr.dayZero")
    case .tooFewDays(let number, let year, let days, let day):
      problem = catalogue.text(
        "cpr.tooFewDays", ["month": month(number), "year": String(year), "days": String(days), "day": String(day)])
    case .notLeapYear(let year, let seventh):
      problem = catalogue.text(
        "cpr.notLeapYear",
        ["month": month(2), "year": String(year), "seventh": String(seventh), "yy": two(year % 100)])
    }
    return catalogue.text("cpr.refusal", ["input": error.input, "problem": problem])
  }

  /// Why the letterbox notice `notice` could not be written, in words; nil when it was.
  public func problem(_ notice: SendLetterboxNotices.Notice) -> String? {
    switch notice.problem {
    case nil: nil
    case .noCustodyHolder: text("noticeNoCustodyHolder", ["cpr": "\(notice.child)"])
    case .holderGone: text("noticeHolderGone", ["holder": notice.holder.map { "\($0)" } ?? ""])
    case .refused(let error): words(error)
    }
  }

  /// Why a clerk's account cannot be added, in words.
  public func words(_ error: ClerkAccounts.Refusal) -> String {
    switch error {
    case .passwordTooShort(let minimum): text("passwordTooShort", ["minimum": String(minimum)])
    }
  }

  /// One of the desk's own refusals in words.
  public func words(_ error: DeskError) -> String {
    switch error {
    case .unknownCitizen(let cpr, let role):
      return text("unknownCitizen", ["cpr": "\(cpr)", "role": catalogue.text("role.\(DeskError.roleWord(role))")])
    case .unknownApplication(let id):
      return text("unknownApplication", ["id": String(id)])
    case .notTheCitizensApplication(let id, let cpr):
      return text("notTheCitizensApplication", ["id": String(id), "cpr": "\(cpr)"])
    case .applicationAlreadyDecided(let id, let granted, let clerk, let centre, let on):
      return text(
        granted ? "applicationAlreadyGranted" : "applicationAlreadyRefused",
        ["id": String(id), "clerk": clerk, "centre": centre, "date": date(on)])
    case .applicationWithdrawn(let id, let clerk, let centre, let on):
      return text("applicationWithdrawn", ["id": String(id), "clerk": clerk, "centre": centre, "date": date(on)])
    case .notExempt(let cpr):
      return text("notExempt", ["cpr": "\(cpr)"])
    case .noAccess(let owner, let helper):
      return text("noAccess", ["owner": "\(owner)", "helper": "\(helper)"])
    case .unknownCentre(let code):
      return text("unknownCentre", ["code": "\(code)"])
    case .badCentresFile(let path, let key):
      return text("badCentresFile", ["path": path, "key": key])
    case .centreNotNamed:
      return text("centreNotNamed")
    case .outputIsFolder(let path):
      return text("outputIsFolder", ["path": path, "folder": path.hasSuffix("/") ? path : path + "/"])
    case .cannotGrant(let reason):
      return text("cannotGrant", ["reason": words(reason)])
    case .cannotWrite(let path, let reason):
      return text("cannotWrite", ["path": path, "reason": reason])
    case .addressDoesNotFit(let cpr, .tooManyLines(let count)):
      return text(
        "addressTooManyLines", ["cpr": "\(cpr)", "count": String(count), "lines": String(EnvelopeWindow.lines)])
    case .addressDoesNotFit(let cpr, .tooWide(let line, let width)):
      return text(
        "addressTooWide",
        ["cpr": "\(cpr)", "line": line, "width": String(width), "window": String(Int(EnvelopeWindow.widthMillimetres))])
    }
  }
}

extension String {
  /// The text with its first letter in upper case: `applicant` → `Applicant`.
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
