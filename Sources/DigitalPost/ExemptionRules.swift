/// The rules of exemption from Digital Post (domain.md §4).
public enum ExemptionRules {
  /// The age a person applying on someone else's behalf must have: of age (myndig).
  public static let representativeAge = 18

  /// The day the person `cpr` turns `representativeAge` and may represent an applicant.
  public static func representativeOfAge(_ cpr: CPRNumber) -> CivilDate {
    cpr.birthDate.birthday(turning: representativeAge)
  }

  /// Checks an application before it is recorded; throws a `DomainError` saying what is
  /// wrong and what to do.
  ///
  /// The applicant must be alive, 15 or older on the application date, not already exempt,
  /// and have no other application awaiting a decision; a representative named by CPR
  /// number alive and of age (18) on that date; the declaration on honour must be signed;
  /// the identity of whoever appeared (the citizen or their representative) must be
  /// verified on the application date — except for someone registered as living abroad,
  /// whose request is always granted (Act §5(1)), so that it can be recorded without ID or
  /// declaration.
  ///
  /// - Parameters:
  ///   - application: the application as the clerk recorded it.
  ///   - applicant: the register's record of the applicant.
  ///   - exemptionInForce: the applicant's exemption in force on the application date,
  ///     if any (as the registry holds it: ended on the citizen's return, for emigration).
  ///   - representative: the register's record of a representative named by CPR number.
  ///   - undecided: the applicant's application that awaits a decision, if any.
  public static func check(
    _ application: ExemptionApplication, applicant: Citizen, exemptionInForce: Exemption?,
    representative: Citizen? = nil, undecided: PendingApplication? = nil
  ) throws(DomainError) {
    try checkApplicant(application, applicant: applicant, exemptionInForce: exemptionInForce, on: application.date)
    if let undecided { throw DomainError.applicationPending(application.applicant, undecided) }
    if let representative { try checkRepresentative(representative, on: application.date) }
    if !applicant.status.isEmigrated(on: application.date) { try checkDeclarationAndIdentity(application) }
  }

  /// Decides an application on `decisionDate`: granted from that day, or refused with the
  /// rule that keeps it from being granted, as a case each interface words. A grant is for
  /// emigration only as `isForEmigration` says.
  ///
  /// Someone registered as living abroad (emigrated) on the decision date is always
  /// granted (Act §5(1)), without regard to identity documents or declaration; anyone else
  /// when identity was verified on the application date and the declaration signed. An
  /// applicant dead by the decision date, under 15 on the application date, or exempt on
  /// the decision date is refused.
  public static func decide(
    _ application: ExemptionApplication, applicant: Citizen, exemptionInForce: Exemption?, on decisionDate: CivilDate
  ) -> ExemptionDecision {
    do throws(DomainError) {
      try checkApplicant(application, applicant: applicant, exemptionInForce: exemptionInForce, on: decisionDate)
      if !applicant.status.isEmigrated(on: decisionDate) { try checkDeclarationAndIdentity(application) }
    } catch {
      return .refused(error)
    }
    return .granted(
      Exemption(
        citizen: application.applicant, since: decisionDate, criteria: application.criteria,
        grantedForEmigration: isForEmigration(application, applicant: applicant),
        paperCopiesRequested: application.paperCopiesRequested))
  }

  /// Whether `application`, once granted, is an exemption for emigration, which ends when
  /// the citizen is registered in Denmark again (`endOnReturn`): only one made on the
  /// emigration criterion, from abroad, registered as emigrated on the application date
  /// (Act §5(1), docs/rules.md §4). One granted on other criteria, or applied for before the
  /// citizen left, lasts until withdrawn, wherever the citizen lives by the decision.
  public static func isForEmigration(_ application: ExemptionApplication, applicant: Citizen) -> Bool {
    application.criteria.contains(.emigratedOrNoFixedResidence) && applicant.status.isEmigrated(on: application.date)
  }

  /// Checks that the municipality may refuse the application on `decisionDate`: not when
  /// the applicant is registered as living abroad, whose request is always granted
  /// (Act §5(1)).
  public static func checkRefusal(_ application: ExemptionApplication, applicant: Citizen, on decisionDate: CivilDate)
    throws(DomainError)
  {
    if applicant.status.isEmigrated(on: decisionDate) {
      throw DomainError.emigrantAlwaysGranted(application.applicant)
    }
  }

  /// The municipality whose council decides the citizen's application: where the citizen is
  /// (or was last) registered (Act §5(2)), whichever centre received it.
  public static func decidingMunicipality(of citizen: Citizen) -> MunicipalityCode { citizen.municipality }

  /// Checks that a clerk at `centre` may record the decision on `citizen`'s application: only
  /// for the deciding municipality (`decidingMunicipality(of:)`).
  public static func checkDecidingCentre(_ centre: MunicipalityCode, for citizen: Citizen) throws(DomainError) {
    let deciding = decidingMunicipality(of: citizen)
    if centre != deciding {
      throw DomainError.notDecidingMunicipality(citizen.cpr, deciding: deciding, centre: centre)
    }
  }

  /// The day an exemption granted for emigration ends because the citizen is registered as
  /// living in Denmark again from `returnedOn`, a return the register learns of on
  /// `importedOn` (docs/rules.md §4): the return day; where that lies before the exemption
  /// began (a return back-dated to before the grant), the day the return is imported. Never
  /// not at all. Nil when the exemption was not granted for emigration: it lasts until
  /// withdrawn.
  public static func endOnReturn(of exemption: Exemption, returnedOn: CivilDate, importedOn: CivilDate)
    -> CivilDate?
  {
    guard exemption.grantedForEmigration else { return nil }
    return returnedOn >= exemption.since ? returnedOn : max(importedOn, exemption.since)
  }

  private static func checkApplicant(
    _ application: ExemptionApplication, applicant: Citizen, exemptionInForce: Exemption?, on date: CivilDate
  ) throws(DomainError) {
    let cpr = application.applicant
    guard applicant.cpr == cpr else {
      throw DomainError.recordMismatch(expected: cpr, found: applicant.cpr)
    }
    if case .deceased(let died) = applicant.status, died <= date {
      throw DomainError.deceased(.applicant, cpr, on: died)
    }
    try PersonRole.applicant.requireAge(of: cpr, on: application.date)
    if let exemption = exemptionInForce, exemption.isInForce(on: date) {
      throw DomainError.alreadyExempt(cpr, since: exemption.since)
    }
    if application.criteria.isEmpty && !OurRules.criteriaMayBeLeftUnticked {
      throw DomainError.noCriterionTicked(cpr)
    }
    if case .onBehalf(let representative) = application.appearance {
      switch representative.identity {
      case .cpr(let other) where other == cpr:
        throw DomainError.representativeIsApplicant(cpr)
      case .name(let name) where name.trimmingCharactersInWhitespace().isEmpty:
        throw DomainError.representativeUnnamed
      default:
        break
      }
    }
  }

  /// A representative named by CPR number must be alive and of age on the application date.
  private static func checkRepresentative(_ person: Citizen, on date: CivilDate) throws(DomainError) {
    if case .deceased(let died) = person.status, died <= date {
      throw DomainError.deceased(.representative, person.cpr, on: died)
    }
    let age = person.cpr.birthDate.wholeYears(until: date)
    if age < representativeAge {
      throw DomainError.representativeUnderAge(person.cpr, age: age, on: date)
    }
  }

  private static func checkDeclarationAndIdentity(_ application: ExemptionApplication) throws(DomainError) {
    guard application.declaredOnHonour else {
      throw DomainError.declarationMissing(application.applicant)
    }
    if case .failure(let refusal) = IdentityRules.verify(application.documents, on: application.date) {
      let who: IdentityHolder
      switch application.appearance {
      case .inPerson: who = .applicant(application.applicant)
      case .onBehalf(let representative): who = .representative(representative.displayName)
      }
      throw DomainError.identityNotVerified(who, refusal)
    }
  }
}
