import DigitalPost
import Documents
import Foundation
import Registry

/// Decides a recorded application and makes the decision letter (domain.md §4): granted
/// from today until withdrawn, or refused with the reason.
public struct DecideExemption: Sendable {
  /// The desk whose registry, templates and letterheads the decision uses, dated its working day.
  public let desk: Desk

  /// Makes the job for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// The name of the decision letter among the documents the job keeps.
  public static let letterName = "exemption-decision"

  /// What the clerk decided.
  public enum Verdict: Sendable, Equatable {
    case grant
    case refuse(reason: String)
  }

  /// The decision and its letter.
  public struct Result: Sendable, Equatable {
    /// Whether the exemption was granted; false when the application was refused.
    public var granted: Bool
    /// The decision letter, `exemption-decision`, as kept.
    public var letter: Document
    /// The application's case reference, `FD-YEAR-NNNNNN`, as printed on the letter.
    public var reference: String
    /// The accesses the owner had given that the exemption ended, as they ended.
    public var endedAccesses: [DelegatedAccess] = []
    /// The letter to each of their helpers, in the order of `endedAccesses`, in the decision
    /// letter's format: `access-ended-helper`, `access-ended-helper-2`, and so on.
    public var helperLetters: [Document] = []
  }

  /// Records the decision (and, when granted, the exemption) and keeps the letter, in
  /// `format`, in `sink`, all or nothing. A grant the rules do not allow is refused with their reason.
  ///
  /// Who may decide is checked first, before anything about the application is told: the
  /// application must be `applicant`'s when one is named (the citizen of the clerk's page),
  /// and the clerk's centre, when named, the deciding municipality.
  ///
  /// A grant to a citizen who has given helpers access ends those accesses, with a letter to
  /// each helper beside the decision letter (`access-ended-helper`, `-2`, ...), only
  /// when the clerk confirmed it with `endAccess` (`AccessRules.endedByExemption`).
  public func run(
    applicationID: Int64, verdict: Verdict, clerk counterClerk: CounterClerk, format: DocumentFormat,
    applicant: CPRNumber? = nil, endAccess: Bool = false, into sink: some DocumentSink
  ) throws -> Result {
    guard let record = try desk.registry.application(id: applicationID) else {
      throw DeskError.unknownApplication(applicationID)
    }
    if let applicant, record.cpr != applicant {
      throw DeskError.notTheCitizensApplication(applicationID, applicant)
    }
    let citizen = try desk.citizen(record.cpr)
    // Received at any centre, decided by the citizen's municipality: its letterhead, its
    // code on the decision and in the audit entry. A centre named explicitly must be it.
    let deciding = ExemptionRules.decidingMunicipality(of: citizen)
    if let named = counterClerk.centre { try ExemptionRules.checkDecidingCentre(named, for: citizen) }
    if let decision = record.decision {
      throw DeskError.alreadyDecided(applicationID, decision)
    }
    let clerk = try counterClerk.resolved(fallback: deciding)
    let centre = try desk.centres.centre(clerk.centre)
    let application = domainApplication(record, centre: record.centre)
    let inForce = try desk.registry.exemption(record.cpr, asOf: desk.today)?.exemption

    var exemption: Exemption?
    do {
      switch verdict {
      case .grant:
        switch ExemptionRules.decide(application, applicant: citizen, exemptionInForce: inForce, on: desk.today) {
        case .granted(let granted):
          exemption = granted
        case .refused(let reason):
          throw DeskError.cannotGrant(reason)
        }
      case .refuse:
        try ExemptionRules.checkRefusal(application, applicant: citizen, on: desk.today)
      }
    } catch {
      // The application and the exemption in force are two reads: another desk may have
      // decided between them (and started the exemption the rules now find). Then that is the
      // answer, as it is when the decision is found first.
      if let decision = try desk.registry.application(id: applicationID)?.decision {
        throw DeskError.alreadyDecided(applicationID, decision)
      }
      throw error
    }
    var endedAccesses: [DelegatedAccess] = []
    if exemption != nil {
      let given = try desk.registry.accesses(owner: record.cpr, asOf: desk.today).map(\.access)
      endedAccesses = try AccessRules.endedByExemption(of: record.cpr, given, confirmed: endAccess, on: desk.today)
    }
    let reference = Reference.application(applicationID, on: record.receivedOn)
    let language = citizen.language
    let letter = try desk.documents.render(
      "exemption-decision", language,
      DecisionLetter(
        date: desk.today.iso, reference: reference, centre: CentreData(centre),
        recipient: try RecipientData(citizen, in: language), clerk: ClerkData(name: centre.signature(of: clerk.id)),
        citizen: PartyData(citizen), decision: .init(record: record, verdict: verdict, exemption: exemption),
        criteria: exemption.map { CriteriaTicks($0.criteria) }))

    // Printed before the registry is locked: a PDF takes Chromium a moment.
    let decisionLetter = try desk.made(Self.letterName, html: letter, as: [format])[0]
    let helperLetters = try endedAccesses.enumerated().map { index, access in
      try helperLetter(access, index: index, owner: citizen, centre: centre, clerk: clerk, format: format)
    }
    try desk.registry.write(desk.actor(clerk)) { tx in
      // Again inside the transaction: another clerk may have decided since the read above.
      if let decision = try tx.application(id: applicationID)?.decision {
        throw DeskError.alreadyDecided(applicationID, decision)
      }
      switch verdict {
      case .grant:
        try tx.recordDecision(applicationID: applicationID, granted: true, reason: nil, effective: desk.today)
      case .refuse(let reason):
        try tx.recordDecision(applicationID: applicationID, granted: false, reason: reason, effective: desk.today)
      }
      if let exemption {
        try tx.startExemption(
          record.cpr, since: exemption.since, criteria: exemption.criteria.sorted(),
          forEmigration: exemption.grantedForEmigration, applicationID: applicationID,
          paperCopiesFrom: exemption.paperCopyPeriod?.lowerBound)
      }
      for access in endedAccesses {
        try tx.endAccess(
          owner: access.owner, helper: access.helper, on: desk.today, reason: .ownerExempted)
      }
      // Last, so that a letter that cannot be kept leaves no decision behind.
      try sink.keep([decisionLetter] + helperLetters, in: tx)
    }
    return Result(
      granted: exemption != nil, letter: decisionLetter, reference: reference, endedAccesses: endedAccesses,
      helperLetters: helperLetters)
  }

  /// The letter telling the helper of `access` that the exemption ended it, in the helper's
  /// language and `format`: the first `access-ended-helper`, the next `access-ended-helper-2`,
  /// and so on.
  private func helperLetter(
    _ access: DelegatedAccess, index: Int, owner: Citizen, centre: Centre, clerk: Clerk, format: DocumentFormat
  ) throws -> Document {
    let helper = try desk.citizen(access.helper, role: .helper)
    let text = try desk.documents.render(
      "access-ended-helper", helper.language,
      GiveUpAccess.Letter(
        date: desk.today.iso, reference: Reference.access(access.owner, access.helper, from: access.from),
        centre: CentreData(centre), recipient: RecipientData(helper, in: helper.language),
        clerk: ClerkData(name: centre.signature(of: clerk.id)),
        access: .init(
          owner: PartyData(owner), helper: PartyData(helper), from: access.from.iso, until: access.until.iso,
          endedOn: desk.today.iso)))
    let name = "access-ended-helper" + (index == 0 ? "" : "-\(index + 1)")
    return try desk.made(name, html: text, as: [format])[0]
  }

  /// The application as the domain sees it, from what the registry kept.
  private func domainApplication(_ record: ApplicationRecord, centre: MunicipalityCode) -> ExemptionApplication {
    ExemptionApplication(
      applicant: record.cpr, criteria: Set(record.criteria), declaredOnHonour: true,
      appearance: record.representative.map { .onBehalf($0) } ?? .inPerson, documents: record.identityDocuments,
      paperCopiesRequested: record.paperCopies, date: record.receivedOn, centre: centre)
  }

  struct DecisionLetter: Encodable {
    var date: String
    var reference: String
    var centre: CentreData
    var recipient: RecipientData
    var clerk: ClerkData
    var citizen: PartyData
    var decision: Decision
    var criteria: CriteriaTicks?

    struct Decision: Encodable {
      var granted: Bool
      var appliedOn: String
      var reason: String?
      var from: String?
      var criteriaTicked: Bool?
      var forEmigration: Bool?
      var paperCopies: Bool?
      var paperCopiesFrom: String?

      init(record: ApplicationRecord, verdict: Verdict, exemption: Exemption?) {
        granted = exemption != nil
        appliedOn = record.receivedOn.iso
        if case .refuse(let reason) = verdict { self.reason = reason }
        if let exemption {
          from = exemption.since.iso
          criteriaTicked = !exemption.criteria.isEmpty
          forEmigration = exemption.grantedForEmigration
          paperCopies = exemption.paperCopiesRequested
          paperCopiesFrom = exemption.paperCopyPeriod?.lowerBound.iso
        }
      }
    }
  }
}
