extension ExemptionRules {
  /// The exemption withdrawn at the citizen's request on `date`: from that day their post is
  /// digital again (§4, rejoining is possible at any time).
  ///
  /// Refused when the citizen died on or before `date`: the exemption ended with the death,
  /// and the dead do not rejoin Digital Post. Otherwise as `Exemption.withdrawn(on:)`.
  ///
  /// - Parameters:
  ///   - exemption: the exemption the register holds in force on `date`.
  ///   - status: the citizen's current CPR status.
  public static func withdraw(_ exemption: Exemption, status: CPRStatus, on date: CivilDate) throws(DomainError)
    -> Exemption
  {
    if case .deceased(let died) = status, died <= date {
      throw DomainError.exemptionEndedByDeath(exemption.citizen, on: died)
    }
    return try exemption.withdrawn(on: date)
  }

  /// Checks that application `id` of `applicant` may be closed as withdrawn by them on
  /// `date`: not after their death, which no withdrawal of theirs can follow (the application
  /// is refused instead: no exemption is granted to a deceased person).
  public static func checkApplicationWithdrawal(_ id: Int64, applicant: Citizen, on date: CivilDate)
    throws(DomainError)
  {
    if case .deceased(let died) = applicant.status, died <= date {
      throw DomainError.applicationWithdrawalAfterDeath(applicant.cpr, id: id, on: died)
    }
  }
}
