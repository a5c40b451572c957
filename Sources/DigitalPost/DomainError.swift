/// Why the domain refuses something a clerk asked for: one case per rule, each with a
/// one-line `message` saying what is wrong and what to do.
///
/// Messages are part of the product and tested word for word. CPR numbers in them are
/// always masked (`010203-XXXX`), since messages reach logs and screens.
public enum DomainError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A document kind the command line does not know.
  case unknownDocumentKind(String)
  /// A `KIND[:DATE][:cpr]` text that cannot be read, and why.
  case malformedDocument(String, problem: String)
  /// A criterion word the command line does not know.
  case unknownCriterion(String)
  /// The register's record is of another person than the request names.
  case recordMismatch(expected: CPRNumber, found: CPRNumber)
  /// The person died on or before the date.
  case deceased(PersonRole, CPRNumber, on: CivilDate)
  /// The person is under 15 on the date.
  case tooYoung(PersonRole, CPRNumber, age: Int, on: CivilDate)
  /// The applicant already has an exemption in force.
  case alreadyExempt(CPRNumber, since: CivilDate)
  /// No criterion was ticked, and `OurRules.criteriaMayBeLeftUnticked` is off.
  case noCriterionTicked(CPRNumber)
  /// The application names the applicant as their own representative.
  case representativeIsApplicant(CPRNumber)
  /// The representative is named by an empty name.
  case representativeUnnamed
  /// The declaration on honour was not signed.
  case declarationMissing(CPRNumber)
  /// The identity of the person who appeared is not verified; `refusal` says why.
  case identityNotVerified(IdentityHolder, IdentityRules.Refusal)
  /// The exemption was already withdrawn.
  case exemptionAlreadyWithdrawn(CPRNumber, on: CivilDate)
  /// The withdrawal date lies before the exemption began.
  case withdrawalBeforeExemption(CPRNumber, since: CivilDate, date: CivilDate)
  /// Owner and helper are the same person.
  case helperIsOwner(CPRNumber)
  /// The access expiry lies before today.
  case expiryInPast(CivilDate, today: CivilDate)
  /// The access expiry is not after its start.
  case expiryNotAfterStart(CivilDate, from: CivilDate)
  /// The owner is exempt and the clerk did not confirm that access lifts the exemption.
  case exemptionLiftNotConfirmed(CPRNumber)
  /// Someone other than the owner tried to revoke an access.
  case notOwner(CPRNumber, owner: CPRNumber)
  /// Someone other than the helper tried to give an access up.
  case notHelper(CPRNumber, helper: CPRNumber)
  /// The access has already ended.
  case accessAlreadyEnded(owner: CPRNumber, helper: CPRNumber, AccessEndReason, on: CivilDate)
  /// A clerk id that is empty or holds whitespace.
  case invalidClerkID(String)
  /// The applicant already has an application awaiting a decision.
  case applicationPending(CPRNumber, PendingApplication)
  /// A refusal was asked for an applicant registered as living abroad (Act §5(1)).
  case emigrantAlwaysGranted(CPRNumber)
  /// The representative is under 18 on the application date.
  case representativeUnderAge(CPRNumber, age: Int, on: CivilDate)
  /// A centre other than the deciding municipality's tried to decide an application.
  case notDecidingMunicipality(CPRNumber, deciding: MunicipalityCode, centre: MunicipalityCode)
  /// A death registered before the birth date the CPR number gives.
  case diedBeforeBirth(CPRNumber, died: CivilDate)
  /// A death registered after the day the record takes effect.
  case diedAfter(CPRNumber, died: CivilDate, effective: CivilDate)
  /// One person named as both custody holders of a child.
  case custodyHolderTwice(CPRNumber, holder: CPRNumber)
  /// A CPR number whose birth date lies after the date it is registered on.
  case bornAfter(CPRNumber, CivilDate)
  /// The owner was never assigned a letterbox: registered abroad since before turning 15.
  case noLetterbox(CPRNumber, abroadSince: CivilDate, turned15: CivilDate)
  /// Granting the exemption would end accesses the owner has given, and the clerk did not
  /// confirm that (the helpers, in order).
  case exemptionEndsAccess(CPRNumber, helpers: [CPRNumber])
  /// The exemption ended with the citizen's death: nothing for them to withdraw.
  case exemptionEndedByDeath(CPRNumber, on: CivilDate)
  /// The applicant died: their application cannot be withdrawn by them, only refused.
  case applicationWithdrawalAfterDeath(CPRNumber, id: Int64, on: CivilDate)

  /// One line of English: what is wrong, and what to do; without the "did you mean" of a
  /// word typed, which is words, not a rule (`RefusalWording` adds it). The second English
  /// beside the catalogue's, kept for the registry's refusals until they carry the case.
  public var message: String {
    switch self {
    case .unknownDocumentKind(let text):
      let photo = IdentityDocumentKind.photoKinds.map(\.rawValue).joined(separator: ", ")
      let other = IdentityDocumentKind.nonPhotoKinds.map(\.rawValue).joined(separator: ", ")
      return "unknown identity document \"\(text)\"; "
        + "use one of \(photo) (with photo), or \(other) (without photo)"
    case .malformedDocument(let text, let problem):
      return "\"\(text)\": \(problem); write KIND[:DATE][:cpr], e.g. passport:2030-01-31"
    case .unknownCriterion(let text):
      let words = ExemptionCriterion.allCases.map(\.rawValue).joined(separator: ", ")
      return "unknown exemption criterion \"\(text)\"; "
        + "use one of \(words), or its number 1-5"
    case .recordMismatch(let expected, let found):
      return "the register's record is of \(found), not \(expected); look the person up again"
    case .deceased(let role, let cpr, let died):
      let tail: String
      switch role {
      case .applicant: tail = "no exemption can be requested for a deceased person"
      case .owner: tail = "their letterbox is closed, so no access can be given to it"
      case .helper: tail = "choose a living helper"
      case .representative: tail = "only a living person can apply on the citizen's behalf"
      }
      return "\(role.rawValue) \(cpr) died on \(died); \(tail)"
    case .tooYoung(let role, let cpr, let age, let date):
      let due = LetterboxRules.dueDate(birthDate: cpr.birthDate)
      return "\(role.rawValue) \(cpr) is \(age) on \(date); \(role.withArticle) must be 15 or older "
        + "(turns 15 on \(due))"
    case .alreadyExempt(let cpr, let since):
      return "applicant \(cpr) is already exempt from Digital Post since \(since); nothing to record "
        + "(to start over, withdraw that exemption first)"
    case .noCriterionTicked(let cpr):
      return "no exemption criterion is ticked for applicant \(cpr); tick at least one of the five"
    case .representativeIsApplicant(let cpr):
      return "applicant \(cpr) is named as their own representative; record the application as made in person"
    case .representativeUnnamed:
      return "the representative has no name; give their name or CPR number"
    case .declarationMissing(let cpr):
      return "applicant \(cpr) has not signed the declaration on honour; it must be signed before the "
        + "application is recorded"
    case .identityNotVerified(let who, let refusal):
      return "identity of \(who.wording) not verified: \(refusal.reason)"
    case .exemptionAlreadyWithdrawn(let cpr, let date):
      return "the exemption of \(cpr) was already withdrawn on \(date); nothing to withdraw"
    case .withdrawalBeforeExemption(let cpr, let since, let date):
      return "the exemption of \(cpr) began on \(since), so it cannot be withdrawn on \(date); "
        + "use a date on or after \(since)"
    case .helperIsOwner(let cpr):
      return "owner \(cpr) cannot be their own helper; choose another citizen as helper"
    case .expiryInPast(let until, let today):
      return "expiry \(until) is in the past (today is \(today)); choose a later expiry date"
    case .expiryNotAfterStart(let until, let from):
      return "expiry \(until) is not after the start \(from); choose an expiry date after the start"
    case .exemptionLiftNotConfirmed(let cpr):
      return "owner \(cpr) is exempt from Digital Post, and access lifts the exemption (the post must be "
        + "digital for the helper to read it); confirm that explicitly, or do not grant access"
    case .notOwner(let cpr, let owner):
      return "\(cpr) is not the owner of this access (the owner is \(owner)); only the owner can revoke it, "
        + "the helper can give it up"
    case .notHelper(let cpr, let helper):
      return "\(cpr) is not the helper of this access (the helper is \(helper)); only the helper can give it up, "
        + "the owner can revoke it"
    case .accessAlreadyEnded(let owner, let helper, let reason, let date):
      return "the access of helper \(helper) to owner \(owner)'s post already ended on \(date) "
        + "(\(reason.wording)); nothing to end"
    case .invalidClerkID(let id):
      return "clerk id \"\(id)\" is empty or holds whitespace; use the clerk's user name, e.g. abc"
    case .applicationPending(let cpr, let pending):
      return "applicant \(cpr) already has application \(pending.id) of \(pending.receivedOn) awaiting a decision; "
        + "decide that one first"
    case .emigrantAlwaysGranted(let cpr):
      return "applicant \(cpr) is registered as living abroad, and such a request is always granted "
        + "(Digital Post Act §5(1)); grant it instead"
    case .representativeUnderAge(let cpr, let age, let date):
      let ofAge = ExemptionRules.representativeOfAge(cpr)
      return "representative \(cpr) is \(age) on \(date); a representative must be 18 or older (of age on \(ofAge))"
    case .notDecidingMunicipality(let cpr, let deciding, let centre):
      return "the application of \(cpr) is decided by municipality \(deciding), where they are registered "
        + "(Digital Post Act §5(2)), not by centre \(centre); a clerk of municipality \(deciding) records the "
        + "decision"
    case .diedBeforeBirth(let cpr, let died):
      return "\(cpr) is registered as dead on \(died), before the birth date \(cpr.birthDate) the number gives; "
        + "check the date of death and the number"
    case .diedAfter(let cpr, let died, let effective):
      return "\(cpr) is registered as dead on \(died), after \(effective), the day the record takes effect; "
        + "a death is registered once it has happened: check the date of death"
    case .custodyHolderTwice(let cpr, let holder):
      return "\(cpr) names \(holder) as both custody holders; name each custody holder once"
    case .bornAfter(let cpr, let date):
      return "\(cpr) gives the birth date \(cpr.birthDate), after \(date); check the number (the 7th digit and "
        + "the year give the century)"
    case .noLetterbox(let cpr, let since, let turned15):
      return "owner \(cpr) has no letterbox: registered as living abroad since \(since), before turning 15 on "
        + "\(turned15), so none was assigned; access can be given once they are registered as living in Denmark"
    case .exemptionEndsAccess(let cpr, let helpers):
      return
        "owner \(cpr) has given access to their Digital Post to \(helpers.map(\.description).joined(separator: ", ")), "
        + "and an exemption ends it (a helper can only read digital post); confirm that with --end-access, or do "
        + "not grant the exemption"
    case .exemptionEndedByDeath(let cpr, let died):
      return "the exemption of \(cpr) ended with their death on \(died); nothing to withdraw"
    case .applicationWithdrawalAfterDeath(let cpr, let id, let died):
      return "applicant \(cpr) died on \(died), so application \(id) cannot be withdrawn by them; refuse it instead "
        + "(--refuse REASON)"
    }
  }

  /// The message.
  public var description: String { message }
}
