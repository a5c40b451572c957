/// Why the domain refuses something a clerk asked for: one case per rule, with what the
/// words need (whom, which dates), and no words: each interface words it from the message
/// catalogues (`RefusalWording`: what is wrong and what to do, in the reader's language).
///
/// The words are part of the product and tested word for word. CPR numbers in them are
/// always masked (`010203-XXXX`), since messages reach logs and screens.
public enum DomainError: Error, Hashable, Sendable {
  /// A document kind the command line does not know.
  case unknownDocumentKind(String)
  /// A `KIND[:DATE][:cpr]` text that cannot be read, and why.
  case malformedDocument(String, problem: DocumentTextProblem)
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
}
