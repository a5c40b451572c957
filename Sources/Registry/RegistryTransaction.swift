import DigitalPost
import Foundation

/// The changes of one use case, inside one `Registry.write` transaction.
///
/// Every change appends its audit entry in the same transaction, so a change and its
/// record commit or vanish together. Only valid inside the `write` closure.
public final class RegistryTransaction {
  /// The store's connection, inside its one write transaction.
  let connection: any StoreConnection
  let actor: AuditActor
  let registry: Registry
  var isOpen = true

  init(connection: any StoreConnection, actor: AuditActor, registry: Registry) {
    self.connection = connection
    self.actor = actor
    self.registry = registry
  }

  private func checkOpen() {
    precondition(isOpen, "a RegistryTransaction is only valid inside Registry.write { }")
  }

  private func audit(_ action: AuditAction, _ subject: CPRNumber, before: String?, after: String?) throws -> Int64 {
    try AuditLog.append(
      connection, actor: actor, action: action, subject: subject, subjectKey: registry.subjectKey(subject),
      before: before,
      after: after)
  }

  /// Records `citizen` as registered from `effective`: a new version only when something changed.
  @discardableResult
  public func upsertCitizen(_ citizen: Citizen, effective: CivilDate) throws -> CitizenChange {
    checkOpen()
    try citizen.checkRegistrable(on: effective)
    let current = try CitizenStore.openVersion(connection, citizen.cpr)
    if current?.citizen == citizen { return .unchanged }
    try CitizenStore.checkNotBefore(current, citizen.cpr, effective: effective)
    let id = try audit(
      current == nil ? .citizenCreate : .citizenUpdate, citizen.cpr,
      before: current.map { AuditJSON.citizen($0.citizen) }, after: AuditJSON.citizen(citizen))
    return try CitizenStore.store(connection, citizen, effective: effective, current: current, auditID: id)
  }

  /// Records an exemption application (form FD 001a) received by the actor's centre; returns its id.
  public func recordApplication(
    _ cpr: CPRNumber, receivedOn: CivilDate, criteria: [ExemptionCriterion], representative: Representative?,
    identityDocuments: [PresentedDocument], paperCopies: Bool
  ) throws -> Int64 {
    checkOpen()
    // The next number after the highest, under the writer's lock: the same on either engine,
    // and a copied registry goes on from its own numbers (no sequence to set again).
    let words = Registry.encodeWords(criteria.map(\.code))
    let documents = Registry.encodeDocuments(identityDocuments)
    let after = AuditJSON.encode(
      AuditJSON.Application(
        receivedOn: receivedOn.iso, criteria: criteria.map(\.code),
        representation: representative.map(AuditWording.text),
        identityDocuments: identityDocuments, paperCopies: paperCopies))
    let auditID = try audit(.applicationRecord, cpr, before: nil, after: after)
    let row = try connection.fetchOne(
      """
      INSERT INTO application (id, cpr, received_on, centre, clerk, criteria, representative_authority,
        representative_name, identity_documents, paper_copies, audit_id)
      VALUES ((SELECT coalesce(max(id), 0) + 1 FROM application), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      RETURNING id
      """,
      [
        CitizenRow.key(cpr), receivedOn.iso, actor.centre, actor.clerk, words, representative?.authority.code,
        representative?.displayName, documents, paperCopies, auditID,
      ])
    guard let id = row.map({ $0[0] as Int64 }) else { throw RegistryError("the application was not recorded") }
    return id
  }

  /// Application `id` as this transaction sees it: a check made here cannot be overtaken by
  /// another writer before the transaction commits.
  public func application(id: Int64) throws -> ApplicationRecord? {
    checkOpen()
    return try Registry.application(connection, id: id)
  }

  /// Records the decision on application `applicationID`; a decision is final.
  public func recordDecision(applicationID: Int64, granted: Bool, reason: String?, effective: CivilDate) throws {
    if !granted && reason == AuditWording.withdrawal {
      throw RegistryError(
        "\"\(AuditWording.withdrawal)\" is not a reason for a refusal: record the withdrawal of application "
          + "\(applicationID) as such ('postdesk exemption withdraw-application \(applicationID)')")
    }
    try insertDecision(
      applicationID: applicationID, granted: granted, reason: reason, withdrawn: false, effective: effective)
  }

  /// Closes application `applicationID`, undecided, as withdrawn by the applicant on
  /// `effective`: a row of its own kind in the decision table (`DecisionRecord.isWithdrawal`),
  /// final like a decision, so that it no longer awaits one.
  public func recordWithdrawal(applicationID: Int64, effective: CivilDate) throws {
    try insertDecision(
      applicationID: applicationID, granted: false, reason: nil, withdrawn: true, effective: effective)
  }

  private func insertDecision(
    applicationID: Int64, granted: Bool, reason: String?, withdrawn: Bool, effective: CivilDate
  ) throws {
    checkOpen()
    guard let application = try Registry.application(connection, id: applicationID) else {
      throw RegistryError("no exemption application \(applicationID) in the registry")
    }
    if application.decision != nil {
      throw RegistryError("application \(applicationID) is already decided; a decision is final")
    }
    let auditID = try audit(
      .applicationDecide, application.cpr, before: nil,
      after: AuditJSON.decision(
        application: applicationID, granted: granted, reason: withdrawn ? AuditWording.withdrawal : reason,
        effective: effective))
    try connection.execute(
      """
      INSERT INTO decision (application_id, granted, reason, effective, centre, clerk, audit_id, withdrawn)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """, [applicationID, granted, reason, effective.iso, actor.centre, actor.clerk, auditID, withdrawn])
  }

  /// Starts an exemption from `since`; fails when one is already open for the citizen.
  public func startExemption(
    _ cpr: CPRNumber, since: CivilDate, criteria: [ExemptionCriterion], forEmigration: Bool,
    applicationID: Int64?, paperCopiesFrom: CivilDate?
  ) throws {
    checkOpen()
    let key = CitizenRow.key(cpr)
    // Cached statements: a batch job may start a quarter of a million exemptions at once.
    if let open: String = try connection.fetchValue(
      "SELECT valid_from FROM exemption WHERE cpr = ? AND valid_to IS NULL", [key])
    {
      throw RegistryError("\(cpr) is already exempt since \(open); end that exemption before starting another")
    }
    if let last: String = try connection.fetchValue("SELECT max(valid_to) FROM exemption WHERE cpr = ?", [key]),
      last > since.iso
    {
      throw RegistryError("\(cpr) has an exemption that ended on \(last); a new one cannot start before that")
    }
    let record = ExemptionRecord(
      cpr: cpr, since: since, criteria: criteria, forEmigration: forEmigration, applicationID: applicationID,
      paperCopiesFrom: paperCopiesFrom)
    let auditID = try audit(.exemptionStart, cpr, before: nil, after: AuditJSON.exemption(record))
    try connection.execute(
      """
      INSERT INTO exemption (cpr, valid_from, valid_to, end_reason, criteria, for_emigration,
        application_id, paper_copies_from, audit_id) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, ?)
      """,
      [
        key, since.iso, Registry.encodeWords(criteria.map(\.code)), forEmigration, applicationID,
        paperCopiesFrom?.iso, auditID,
      ])
  }

  /// Ends the open exemption of `cpr`: from `on` the citizen is back on Digital Post.
  public func endExemption(_ cpr: CPRNumber, on: CivilDate, reason: ExemptionEndReason) throws {
    checkOpen()
    let key = CitizenRow.key(cpr)
    guard let before = try openExemption(cpr) else { throw RegistryError("\(cpr) has no exemption in force to end") }
    guard on >= before.since else {
      throw RegistryError("the exemption of \(cpr) began on \(before.since); it cannot end before that")
    }
    var after = before
    after.endedOn = on
    after.endReason = reason
    _ = try audit(.exemptionEnd, cpr, before: AuditJSON.exemption(before), after: AuditJSON.exemption(after))
    try connection.execute(
      "UPDATE exemption SET valid_to = ?, end_reason = ?, end_helper = ? WHERE cpr = ? AND valid_to IS NULL",
      [on.iso, reason.code.code, reason.helper.map(CitizenRow.key), key])
  }

  /// Grants `helper` access to `owner`'s letterbox from `from` through `until` (the expiry
  /// date, its last day), or records a change of the level or expiry of the pair's open
  /// access as a new version from `from`: one access per pair at a time. Every version is
  /// kept, several on one day too.
  @discardableResult
  public func upsertAccess(
    owner: CPRNumber, helper: CPRNumber, level: AccessLevel, from: CivilDate, until: CivilDate,
    consent: DelegatedAccess.Consent
  ) throws -> (previous: AccessRecord?, current: AccessRecord) {
    checkOpen()
    // The dates are the rules' (AccessRules): the registry stores what they decided.
    let previous = try openAccess(owner: owner, helper: helper)
    if let previous, from < previous.from {
      throw RegistryError("the access of \(helper) to \(owner) changed on \(previous.from); a change cannot precede it")
    }
    let current = AccessRecord(
      owner: owner, helper: helper, level: level, from: from, until: until, consent: consent)
    let auditID = try audit(
      previous == nil ? .accessGrant : .accessChange, owner, before: previous.map(AuditJSON.access),
      after: AuditJSON.access(current))
    let keys: [Int64] = [CitizenRow.key(owner), CitizenRow.key(helper)]
    if previous != nil {
      try connection.execute(
        "UPDATE access SET valid_to = ?, end_reason = ? WHERE owner = ? AND helper = ? AND valid_to IS NULL",
        [from.iso, AccessVersionEnd.changed.code, keys[0], keys[1]])
    }
    try connection.execute(
      """
      INSERT INTO access (owner, helper, valid_from, valid_to, level, until, consent, end_reason, audit_id)
      VALUES (?, ?, ?, NULL, ?, ?, ?, NULL, ?)
      """, [keys[0], keys[1], from.iso, level.rawValue, until.iso, consent.code, auditID])
    var closed = previous
    closed?.endedOn = from
    closed?.endReason = .changed
    return (closed, current)
  }

  /// Ends the open access of `helper` to `owner`'s letterbox on `on` (revoked, given up, death).
  public func endAccess(owner: CPRNumber, helper: CPRNumber, on: CivilDate, reason: AccessEndReason) throws {
    checkOpen()
    guard let before = try openAccess(owner: owner, helper: helper) else {
      throw RegistryError("\(helper) has no access to the letterbox of \(owner) to end")
    }
    guard on >= before.from else {
      throw RegistryError("the access of \(helper) to \(owner) began on \(before.from); it cannot end before that")
    }
    var after = before
    after.endedOn = on
    after.endReason = .ended(reason)
    _ = try audit(.accessEnd, owner, before: AuditJSON.access(before), after: AuditJSON.access(after))
    try connection.execute(
      "UPDATE access SET valid_to = ?, end_reason = ? WHERE owner = ? AND helper = ? AND valid_to IS NULL",
      [on.iso, reason.code, CitizenRow.key(owner), CitizenRow.key(helper)])
  }

  /// The citizen's application that awaits a decision, if any (the oldest).
  public func undecidedApplication(_ cpr: CPRNumber) throws -> PendingApplication? {
    checkOpen()
    guard
      let row = try connection.fetchOne(
        """
        SELECT a.id, a.received_on FROM application a LEFT JOIN decision d ON d.application_id = a.id
        WHERE a.cpr = ? AND d.application_id IS NULL ORDER BY a.id LIMIT 1
        """, [CitizenRow.key(cpr)])
    else { return nil }
    return PendingApplication(id: row[0], receivedOn: CivilDate(iso: row[1])!)
  }

  /// The citizen's exemption that has not ended, if any.
  func openExemption(_ cpr: CPRNumber) throws -> ExemptionRecord? {
    try connection.fetchOne(
      "SELECT \(Registry.exemptionColumns) FROM exemption WHERE cpr = ? AND valid_to IS NULL", [CitizenRow.key(cpr)]
    ).map(Registry.exemptionRecord)
  }

  private func openAccess(owner: CPRNumber, helper: CPRNumber) throws -> AccessRecord? {
    try connection.fetchOne(
      "SELECT \(Registry.accessColumns) FROM access WHERE owner = ? AND helper = ? AND valid_to IS NULL",
      [CitizenRow.key(owner), CitizenRow.key(helper)]
    ).map(Registry.accessRecord)
  }
}

@available(*, unavailable)
extension RegistryTransaction: Sendable {}

extension AuditJSON {
  /// An application as `application.record` logs it (the CPR number is the entry's subject;
  /// the centre and clerk its own fields).
  struct Application: Codable, Equatable {
    var receivedOn: String
    var criteria: [String]
    var representation: String?
    var identityDocuments: [PresentedDocument]
    var paperCopies: Bool
  }

  /// An exemption period, masked.
  static func exemption(_ e: ExemptionRecord) -> String {
    encode([
      "cpr": e.cpr.masked, "since": e.since.iso, "endedOn": e.endedOn?.iso ?? "",
      "endReason": e.endReason.map(AuditWording.text) ?? "",
      "criteria": e.criteria.map(\.code).joined(separator: " "), "forEmigration": String(e.forEmigration),
      "application": e.applicationID.map(String.init) ?? "", "paperCopiesFrom": e.paperCopiesFrom?.iso ?? "",
    ])
  }

  /// A decision on an application.
  static func decision(application: Int64, granted: Bool, reason: String?, effective: CivilDate) -> String {
    struct Audited: Encodable {
      var application: Int64
      var granted: Bool
      var reason: String?
      var effective: String
    }
    return encode(Audited(application: application, granted: granted, reason: reason, effective: effective.iso))
  }

  /// An access version, masked.
  static func access(_ a: AccessRecord) -> String {
    encode([
      "owner": a.owner.masked, "helper": a.helper.masked, "level": a.level.rawValue, "from": a.from.iso,
      "until": a.until.iso, "endedOn": a.endedOn?.iso ?? "", "endReason": a.endReason.map(AuditWording.text) ?? "",
      "consent": a.consent.code,
    ])
  }
}
