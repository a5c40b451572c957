import DigitalPost
import Documents
import Registry

/// Gives a helper access to a citizen's Digital Post, or changes the level or expiry of
/// the access they have, and makes the owner's confirmation and the helper's notice
/// (domain.md §6).
public struct GrantAccess: Sendable {
  /// The desk whose registry, templates and letterheads the grant uses, dated its working day.
  public let desk: Desk

  /// Makes the job for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// What happened, and where the letters are.
  public struct Result: Sendable, Equatable {
    /// New, changed (and how), or unchanged, in which case nothing was recorded.
    public var kind: AccessGrant.Kind
    /// Whether the owner's exemption ended today so that the helper can read their post.
    public var liftedExemption: Bool
    /// The owner's confirmation and the helper's notice, each once per format asked for, as
    /// kept; empty when nothing changed.
    public var letters: [Document]
  }

  /// Checks the grant against the rules, records it (lifting the owner's exemption when
  /// the clerk confirmed that), and keeps both letters (`access-confirmation-owner`,
  /// `access-notice-helper`), in each of `formats`, in `sink`, all or nothing.
  public func run(
    _ request: AccessRequest, clerk counterClerk: CounterClerk, formats: [DocumentFormat] = [.html],
    into sink: some DocumentSink
  ) throws -> Result {
    let owner = try desk.recipientState(request.owner, role: .owner)
    let clerk = try counterClerk.resolved(fallback: owner.citizen.municipality)
    let helper = try desk.citizen(request.helper, role: .helper)
    let existing = try desk.registry.access(owner: request.owner, helper: request.helper, asOf: desk.today)?.access
    let grant = try AccessRules.grant(request, owner: owner, helper: helper, existing: existing, on: desk.today)
    // The pair's last access expired but its version is still open: it is closed on the day
    // after its last day, so that the grant is recorded as the new access it is.
    var expired: CivilDate?
    if grant.kind == .new, let existing,
      case .ended(.expired, let lastDay) = existing.status(
        on: desk.today, ownerStatus: owner.citizen.status, helperStatus: helper.status)
    {
      expired = lastDay.adding(days: 1)
    }
    if grant.kind == .unchanged {
      return Result(kind: .unchanged, liftedExemption: false, letters: [])
    }
    let centre = try desk.centres.centre(clerk.centre)
    let access = AccessLetter.Access(
      owner: PartyData(owner.citizen), helper: PartyData(helper), readOnly: grant.access.level == .read,
      readWrite: grant.access.level == .readWrite, from: grant.access.from.iso, until: grant.access.until.iso,
      changed: grant.kind != .new, liftedExemption: grant.liftsExemption)
    func letter(_ template: String, to person: Citizen) throws -> String {
      try desk.documents.render(
        template, person.language,
        AccessLetter(
          date: desk.today.iso, reference: Reference.access(request.owner, request.helper, from: grant.access.from),
          centre: CentreData(centre), recipient: try RecipientData(person, in: person.language),
          clerk: ClerkData(name: centre.signature(of: clerk.id)), access: access))
    }
    let letters =
      try desk.made(
        "access-confirmation-owner", html: letter("access-confirmation-owner", to: owner.citizen), as: formats)
      + desk.made("access-notice-helper", html: letter("access-notice-helper", to: helper), as: formats)
    try desk.registry.write(desk.actor(clerk)) { tx in
      if grant.liftsExemption {
        try tx.endExemption(request.owner, on: desk.today, reason: .accessGiven(helper: request.helper))
      }
      if let expired {
        try tx.endAccess(
          owner: request.owner, helper: request.helper, on: expired, reason: .expired)
      }
      // A change is a new version from today; the access's own start stays in the letters.
      _ = try tx.upsertAccess(
        owner: request.owner, helper: request.helper, level: grant.access.level,
        from: grant.kind == .new ? grant.access.from : desk.today,
        until: grant.access.until, consent: grant.access.consent)
      try sink.keep(letters, in: tx)
    }
    return Result(kind: grant.kind, liftedExemption: grant.liftsExemption, letters: letters)
  }

  struct AccessLetter: Encodable {
    var date: String
    var reference: String
    var centre: CentreData
    var recipient: RecipientData
    var clerk: ClerkData
    var access: Access

    struct Access: Encodable {
      var owner: PartyData
      var helper: PartyData
      var readOnly, readWrite: Bool
      var from, until: String
      var changed, liftedExemption: Bool
    }
  }
}
