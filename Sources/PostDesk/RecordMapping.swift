import DigitalPost
import Registry

// The registry's records as the domain's values, so that the rules of DigitalPost decide
// on what the registry holds.

extension ExemptionRecord {
  /// The exemption as `DigitalPost` reasons about it.
  var exemption: Exemption {
    Exemption(
      citizen: cpr, since: since, criteria: Set(criteria), grantedForEmigration: forEmigration,
      paperCopiesRequested: paperCopiesFrom != nil, withdrawnOn: endedOn)
  }
}

extension AccessRecord {
  /// The access as `DigitalPost` reasons about it (a record in force has no ending).
  var access: DelegatedAccess {
    DelegatedAccess(
      owner: owner, helper: helper, level: level, from: from, until: until,
      consent: DelegatedAccess.Consent(rawValue: consent) ?? .inPerson)
  }
}

/// How the person applying on a citizen's behalf is kept with the application:
/// `AUTHORITY|NAME`, where NAME carries a masked CPR number when one was given, so that the
/// stored text and the audit log never hold a full CPR number.
enum StoredRepresentation {
  static func encode(_ representative: Representative, name: String) -> String {
    "\(representative.authority.rawValue)|\(name)"
  }

  static func decode(_ text: String) -> Representative? {
    guard let bar = text.firstIndex(of: "|"),
      let authority = Representative.Authority(rawValue: String(text[..<bar]))
    else { return nil }
    return Representative(.name(String(text[text.index(after: bar)...])), authority: authority)
  }
}
