/// What an audit entry records: the `action` column, and part of every entry's hash.
///
/// The raw values are the texts entries have held since the first schema; they enter the
/// hash, so they never change (a new action gets a new value). The log is read back as text
/// (`AuditEntry.action`): an entry's bytes are what its hash covers, whatever a later build knows.
enum AuditAction: String, CaseIterable {
  /// A citizen new to the registry, one by one.
  case citizenCreate = "citizen.create"
  /// A citizen's data changed, one by one.
  case citizenUpdate = "citizen.update"
  /// A CPR extract imported: one entry for the whole file.
  case citizensImport = "citizens.import"
  /// An exemption application recorded.
  case applicationRecord = "application.record"
  /// A decision on an application, or its withdrawal.
  case applicationDecide = "application.decide"
  /// An exemption period started.
  case exemptionStart = "exemption.start"
  /// An exemption period ended.
  case exemptionEnd = "exemption.end"
  /// An access granted.
  case accessGrant = "access.grant"
  /// An access's level or expiry changed: a new version.
  case accessChange = "access.change"
  /// An access ended.
  case accessEnd = "access.end"
  /// A clerk's account added.
  case clerkCreate = "clerk.create"
  /// A clerk's account's centre, role or password changed.
  case clerkUpdate = "clerk.update"
}
