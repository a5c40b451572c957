/// The rules of exemption from Digital Post (domain.md §4).
public enum ExemptionRules {
  /// Checks an application before it is recorded; throws a `DomainError` saying what is
  /// wrong and what to do.
  ///
  /// The applicant must be alive, 15 or older on the application date, and not already
  /// exempt; the declaration on honour must be signed; the identity of whoever appeared
  /// (the citizen or their representative) must be verified on the application date —
  /// except for someone registered as living abroad, whose request is always granted
  /// (Act §5(1)), so that it can be recorded without ID or declaration.
  ///
  /// - Parameters:
  ///   - applicant: the register's record of the applicant.
  ///   - exemptionInForce: the applicant's exemption in force on the application date,
  ///     if any (see `isInForce(_:history:on:)`).
  public static func check(
    _ application: ExemptionApplication, applicant: Citizen, exemptionInForce: Exemption?
  ) throws(DomainError) {
    try checkApplicant(application, applicant: applicant, exemptionInForce: exemptionInForce)
    if !applicant.status.isEmigrated(on: application.date) { try checkDeclarationAndIdentity(application) }
  }

  /// Decides an application: granted from the application date, or refused with a reason.
  ///
  /// Someone registered as living abroad (emigrated) on the application date is always
  /// granted (Act §5(1)), without regard to identity documents or declaration; anyone else
  /// when identity was verified and the declaration signed. A deceased applicant, one
  /// under 15, or one already exempt is refused.
  public static func decide(
    _ application: ExemptionApplication, applicant: Citizen, exemptionInForce: Exemption?
  ) -> ExemptionDecision {
    let emigrated = applicant.status.isEmigrated(on: application.date)
    do throws(DomainError) {
      try checkApplicant(application, applicant: applicant, exemptionInForce: exemptionInForce)
      if !emigrated { try checkDeclarationAndIdentity(application) }
    } catch {
      return .refused(reason: error.message)
    }
    return .granted(
      Exemption(
        citizen: application.applicant, since: application.date, criteria: application.criteria,
        grantedForEmigration: emigrated, paperCopiesRequested: application.paperCopiesRequested))
  }

  /// The day an exemption granted for emigration ended automatically because the citizen
  /// moved back to Denmark, as known on `date`; nil when it has not ended that way (or was
  /// not granted for emigration).
  ///
  /// Moving back is the first entry of `history` after the exemption began, on or before
  /// `date`, whose status is in Denmark (resident or no fixed residence). Once ended it stays
  /// ended, even if the citizen emigrates again: they may apply anew.
  public static func automaticEnd(of exemption: Exemption, history: [CPRStatusChange], on date: CivilDate)
    -> CivilDate?
  {
    guard exemption.grantedForEmigration else { return nil }
    return
      history
      .filter { $0.from > exemption.since && $0.from <= date && $0.status.livesInDenmark }
      .map(\.from)
      .min()
  }

  /// Whether the exemption holds on `date`: begun, not withdrawn, not ended by moving back.
  public static func isInForce(_ exemption: Exemption, history: [CPRStatusChange], on date: CivilDate) -> Bool {
    exemption.isInForce(on: date) && automaticEnd(of: exemption, history: history, on: date) == nil
  }

  private static func checkApplicant(
    _ application: ExemptionApplication, applicant: Citizen, exemptionInForce: Exemption?
  ) throws(DomainError) {
    let cpr = application.applicant
    guard applicant.cpr == cpr else {
      throw DomainError.recordMismatch(expected: cpr, found: applicant.cpr)
    }
    if case .deceased(let died) = applicant.status, died <= application.date {
      throw DomainError.deceased(.applicant, cpr, on: died)
    }
    try PersonRole.applicant.requireAge(of: cpr, on: application.date)
    if let exemption = exemptionInForce, exemption.isInForce(on: application.date) {
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

  private static func checkDeclarationAndIdentity(_ application: ExemptionApplication) throws(DomainError) {
    guard application.declaredOnHonour else {
      throw DomainError.declarationMissing(application.applicant)
    }
    if case .notAccepted(let reason) = IdentityRules.check(application.documents, on: application.date) {
      let who: String
      switch application.appearance {
      case .inPerson: who = "applicant \(application.applicant)"
      case .onBehalf(let representative): who = "representative \(representative.displayName)"
      }
      throw DomainError.identityNotVerified(who: who, reason: reason)
    }
  }
}
