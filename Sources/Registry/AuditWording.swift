import DigitalPost

/// The text the audit log's `before` and `after` give each stored code, as entries have
/// held it since before the registry stored codes: "revoked by the owner", "power-of-attorney|Name".
///
/// Entries are hashed, so the log is never rewritten, and `audit verify` compares every
/// exemption, access and application row with what its entry says was written: a row of
/// codes is rendered here into the log's text and compared with it. New entries are written
/// in the same text, so that the log speaks one vocabulary from its first entry to its
/// last and each reader knows one. These texts are therefore frozen like the codes: they
/// are not words for people (those may change), but the log's own format.
///
/// The migration `domain-codes-v1` reads the same texts back into codes
/// (`exemptionEndReason(_:)`, `accessVersionEnd(_:)`, `representative(_:)`), which older
/// registry files held in their tables as well.
enum AuditWording {
  /// An exemption's end reason as the log has it.
  static func text(_ reason: ExemptionEndReason) -> String {
    switch reason {
    case .withdrawn: "withdrawn by the citizen"
    case .movedBack: "ended automatically: moved back to Denmark"
    case .accessGiven(let helper): accessGivenPrefix + helper.masked
    }
  }

  /// The start of the log's text for `ExemptionEndReason.accessGiven`; the helper's masked
  /// CPR number follows.
  static let accessGivenPrefix = "lifted: access given to helper "

  /// An access version's end as the log has it.
  static func text(_ end: AccessVersionEnd) -> String {
    switch end {
    case .changed: "changed"
    case .ended(.expired): "expired"
    case .ended(.revokedByOwner): "revoked by the owner"
    case .ended(.givenUpByHelper): "given up by the helper"
    case .ended(.ownerDied): "ended by the owner's death"
    case .ended(.helperDied): "ended by the helper's death"
    case .ended(.ownerExempted): "ended because the owner was exempted"
    }
  }

  /// The reason the log gives a decision row that closes an application the applicant
  /// withdrew (`DecisionRecord.isWithdrawal`); older files held it in `decision.reason`.
  static let withdrawal = "withdrawn by the applicant"

  /// A representative as the log has it: `AUTHORITY|NAME`.
  static func text(_ representative: Representative) -> String {
    "\(representative.authority.code)|\(representative.displayName)"
  }

  /// The access version end of the log's `text`; nil when no end has it.
  static func accessVersionEnd(_ text: String) -> AccessVersionEnd? {
    ([.changed] + AccessEndReason.allCases.map(AccessVersionEnd.ended)).first { self.text($0) == text }
  }

  /// The code of an exemption end reason in the log's `text`, and for `access-given` the
  /// helper's masked CPR number as the text gives it; nil when no reason has the text.
  static func exemptionEndReason(_ text: String) -> (code: ExemptionEndReason.Code, maskedHelper: String?)? {
    if text == self.text(.withdrawn) { return (.withdrawn, nil) }
    if text == self.text(.movedBack) { return (.movedBack, nil) }
    if text.hasPrefix(accessGivenPrefix) { return (.accessGiven, String(text.dropFirst(accessGivenPrefix.count))) }
    return nil
  }

  /// The representative of the log's `text` (`AUTHORITY|NAME`), by name; nil when the
  /// authority is not one PostDesk knows.
  static func representative(_ text: String) -> Representative? {
    guard let bar = text.firstIndex(of: "|"),
      let authority = Representative.Authority(code: String(text[..<bar]))
    else { return nil }
    return Representative(.name(String(text[text.index(after: bar)...])), authority: authority)
  }
}
