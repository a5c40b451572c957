/// The rules of delegated access (domain.md §6).
public enum AccessRules {
  /// Checks a request and says what granting it does; throws a `DomainError` saying what
  /// is wrong and what to do.
  ///
  /// The owner must be alive, 15 or older, with a letterbox assigned (not registered abroad
  /// since before the 15th birthday) and active, or exempt with the
  /// clerk's explicit confirmation that the exemption is lifted; the helper another
  /// citizen, alive, 15 or older; the expiry after the start date and not in the past; the
  /// identity of whoever appeared verified on `today`. When the pair already has an access
  /// that has not ended, granting again changes its level and expiry (its start stays).
  ///
  /// - Parameters:
  ///   - request: what the clerk recorded at the counter.
  ///   - owner: the register's record of the owner on `today`.
  ///   - helper: the register's record of the helper.
  ///   - existing: the pair's latest access, if any.
  ///   - today: the day of the grant.
  public static func grant(
    _ request: AccessRequest, owner: RecipientState, helper: Citizen, existing: DelegatedAccess?,
    on today: CivilDate
  ) throws(DomainError) -> AccessGrant {
    guard owner.citizen.cpr == request.owner else {
      throw DomainError.recordMismatch(expected: request.owner, found: owner.citizen.cpr)
    }
    guard helper.cpr == request.helper else {
      throw DomainError.recordMismatch(expected: request.helper, found: helper.cpr)
    }
    guard request.helper != request.owner else { throw DomainError.helperIsOwner(request.owner) }
    if case .deceased(let died) = owner.citizen.status, died <= today {
      throw DomainError.deceased(.owner, request.owner, on: died)
    }
    try PersonRole.owner.requireAge(of: request.owner, on: today)
    if LetterboxRules.state(of: owner, on: today) == .notAssignedWhileAbroad,
      case .emigrated(let since) = owner.citizen.status
    {
      throw DomainError.noLetterbox(
        request.owner, abroadSince: since, turned15: LetterboxRules.dueDate(birthDate: request.owner.birthDate))
    }
    if case .deceased(let died) = helper.status, died <= today {
      throw DomainError.deceased(.helper, request.helper, on: died)
    }
    try PersonRole.helper.requireAge(of: request.helper, on: today)

    let current = existing.flatMap { access -> DelegatedAccess? in
      guard access.owner == request.owner, access.helper == request.helper else { return nil }
      switch access.status(on: today, ownerStatus: owner.citizen.status, helperStatus: helper.status) {
      case .inForce, .notStarted: return access
      case .ended: return nil
      }
    }
    let from = current?.from ?? request.from
    if request.until < today { throw DomainError.expiryInPast(request.until, today: today) }
    guard request.until > from else { throw DomainError.expiryNotAfterStart(request.until, from: from) }

    let liftsExemption = LetterboxRules.state(of: owner, on: today) == .exempt
    if liftsExemption && !request.exemptionLiftConfirmed {
      throw DomainError.exemptionLiftNotConfirmed(request.owner)
    }
    if case .failure(let refusal) = IdentityRules.verify(request.documents, on: today) {
      let who: IdentityHolder =
        request.consent == .inPerson ? .owner(request.owner) : .ownersRepresentative(request.owner)
      throw DomainError.identityNotVerified(who, refusal)
    }

    guard var access = current else {
      let access = DelegatedAccess(
        owner: request.owner, helper: request.helper, level: request.level, from: request.from,
        until: request.until, consent: request.consent)
      return AccessGrant(access: access, kind: .new, liftsExemption: liftsExemption)
    }
    var changes: [AccessChange] = []
    if access.level != request.level { changes.append(.level(from: access.level, to: request.level)) }
    if access.until != request.until { changes.append(.until(from: access.until, to: request.until)) }
    access.level = request.level
    access.until = request.until
    return AccessGrant(
      access: access, kind: changes.isEmpty ? .unchanged : .changed(changes), liftsExemption: liftsExemption)
  }

  /// The accesses an exemption granted to `owner` on `date` ends, each ended that day for
  /// `AccessEndReason.ownerExempted`: every access the owner has given that has not ended,
  /// since a helper can only read digital post and the owner's post goes on paper (§6, the
  /// converse of lifting an exemption for an access). Throws when there are any and the
  /// clerk did not confirm that they end.
  ///
  /// - Parameters:
  ///   - accesses: the accesses to `owner`'s post in force on `date`.
  ///   - confirmed: the clerk's explicit confirmation that the accesses end.
  public static func endedByExemption(
    of owner: CPRNumber, _ accesses: [DelegatedAccess], confirmed: Bool, on date: CivilDate
  ) throws(DomainError) -> [DelegatedAccess] {
    let given = accesses.filter { $0.owner == owner && $0.ending == nil }
    guard !given.isEmpty else { return [] }
    guard confirmed else { throw DomainError.exemptionEndsAccess(owner, helpers: given.map(\.helper)) }
    return given.map { access in
      var ended = access
      ended.ending = DelegatedAccess.Ending(.ownerExempted, on: date)
      return ended
    }
  }

  /// The access revoked by its owner on `date`; throws when `person` is not the owner or
  /// the access has already ended (expired, ended, or ended by the death of either person,
  /// given their current CPR status).
  public static func revoke(
    _ access: DelegatedAccess, by person: CPRNumber, on date: CivilDate, ownerStatus: CPRStatus = .resident,
    helperStatus: CPRStatus = .resident
  ) throws(DomainError) -> DelegatedAccess {
    guard person == access.owner else { throw DomainError.notOwner(person, owner: access.owner) }
    return try end(access, .revokedByOwner, on: date, ownerStatus: ownerStatus, helperStatus: helperStatus)
  }

  /// The access given up by its helper on `date`; throws when `person` is not the helper
  /// or the access has already ended (as for `revoke`).
  public static func giveUp(
    _ access: DelegatedAccess, by person: CPRNumber, on date: CivilDate, ownerStatus: CPRStatus = .resident,
    helperStatus: CPRStatus = .resident
  ) throws(DomainError) -> DelegatedAccess {
    guard person == access.helper else { throw DomainError.notHelper(person, helper: access.helper) }
    return try end(access, .givenUpByHelper, on: date, ownerStatus: ownerStatus, helperStatus: helperStatus)
  }

  private static func end(
    _ access: DelegatedAccess, _ reason: AccessEndReason, on date: CivilDate, ownerStatus: CPRStatus,
    helperStatus: CPRStatus
  ) throws(DomainError) -> DelegatedAccess {
    if let ending = access.ending {
      throw DomainError.accessAlreadyEnded(owner: access.owner, helper: access.helper, ending.reason, on: ending.on)
    }
    let status = access.status(on: date, ownerStatus: ownerStatus, helperStatus: helperStatus)
    if case .ended(let why, let on) = status {
      throw DomainError.accessAlreadyEnded(owner: access.owner, helper: access.helper, why, on: on)
    }
    var ended = access
    ended.ending = DelegatedAccess.Ending(reason, on: date)
    return ended
  }
}
