import DigitalPost

// The registry's records as the domain's values, so that the rules of DigitalPost decide
// on what the registry holds.

extension ExemptionRecord {
  /// The exemption as `DigitalPost` reasons about it.
  public var exemption: Exemption {
    Exemption(
      citizen: cpr, since: since, criteria: Set(criteria), grantedForEmigration: forEmigration,
      paperCopiesRequested: paperCopiesFrom != nil, withdrawnOn: endedOn)
  }
}

extension AccessRecord {
  /// The access as `DigitalPost` reasons about it (a record in force has no ending).
  public var access: DelegatedAccess {
    DelegatedAccess(
      owner: owner, helper: helper, level: level, from: from, until: until,
      consent: consent)
  }
}
