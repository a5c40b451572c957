import DigitalPost
import Documents
import Registry

/// Ends a helper's access to a citizen's Digital Post at the helper's request, and makes
/// the letter that tells the owner (domain.md §6).
public struct GiveUpAccess: Sendable {
  /// The desk whose registry, templates and letterheads the job uses, dated its working day.
  public let desk: Desk

  /// Makes the job for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// The access as it ended, and the owner's letter.
  public struct Result: Sendable, Equatable {
    /// The access as it ended: given up by the helper today.
    public var access: DelegatedAccess
    /// The owner's letter, `access-given-up-owner`, once per format asked for, as kept.
    public var letters: [Document]
  }

  /// Ends the access in force today; it ends today. The letter to the owner,
  /// `access-given-up-owner`, in each of `formats`, is kept in `sink` in the same transaction
  /// as the record.
  @discardableResult
  public func run(
    owner: CPRNumber, helper: CPRNumber, clerk counterClerk: CounterClerk,
    formats: [DocumentFormat] = [.html], into sink: some DocumentSink
  ) throws
    -> Result
  {
    let pair = try AccessPair(desk: desk, owner: owner, helper: helper)
    // The helper is the one at the counter: by default their own municipality's centre.
    let clerk = try counterClerk.resolved(fallback: pair.helper.municipality)
    let ended = try AccessRules.giveUp(
      pair.record.access, by: helper, on: desk.today, ownerStatus: pair.owner.status, helperStatus: pair.helper.status)
    let centre = try desk.centres.centre(clerk.centre)
    let language = pair.owner.language
    let text = try desk.documents.render(
      "access-given-up-owner", language,
      Letter(
        date: desk.today.iso, reference: Reference.access(owner, helper, from: pair.record.from),
        centre: CentreData(centre), recipient: try RecipientData(pair.owner, in: language),
        clerk: ClerkData(name: centre.signature(of: clerk.id)),
        access: .init(
          owner: PartyData(pair.owner), helper: PartyData(pair.helper), from: pair.record.from.iso,
          until: pair.record.until.iso, endedOn: desk.today.iso)))
    let letters = try desk.made("access-given-up-owner", html: text, as: formats)
    try desk.registry.write(desk.actor(clerk)) { tx in
      try tx.endAccess(owner: owner, helper: helper, on: desk.today, reason: .givenUpByHelper)
      try sink.keep(letters, in: tx)
    }
    return Result(access: ended, letters: letters)
  }

  struct Letter: Encodable {
    var date: String
    var reference: String
    var centre: CentreData
    var recipient: RecipientData
    var clerk: ClerkData
    var access: Access

    struct Access: Encodable {
      var owner: PartyData
      var helper: PartyData
      var from, until, endedOn: String
    }
  }
}
