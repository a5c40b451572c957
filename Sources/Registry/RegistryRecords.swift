import DigitalPost
import Foundation

/// Who makes a change, where and when: every audit entry carries one.
///
/// `at` is handed in by the caller (the use case, or the CLI from `POSTDESK_NOW`): the
/// registry never reads a clock, so a test or a replay writes the same log.
public struct AuditActor: Sendable, Hashable {
  /// The clerk's identifier (initials or staff number), or `system` for batch jobs.
  public var clerk: String
  /// The Citizen Service Centre, by municipality code as text (`101`), or `000` for none.
  public var centre: String
  /// When the change is made.
  public var at: Date

  /// Creates an actor; `centre` is kept as text so that `000` (no centre) is expressible.
  public init(clerk: String, centre: String, at: Date) {
    self.clerk = clerk
    self.centre = centre
    self.at = at
  }
}

/// An exemption from Digital Post as the registry holds it: one period, open or ended.
public struct ExemptionRecord: Sendable, Hashable {
  /// The exempt citizen.
  public var cpr: CPRNumber
  /// The first day of the exemption.
  public var since: CivilDate
  /// The first day the citizen is no longer exempt; nil while in force.
  public var endedOn: CivilDate?
  /// Why it ended (withdrawn, moved back to Denmark, access given); nil while in force.
  public var endReason: ExemptionEndReason?
  /// The criteria the citizen declared.
  public var criteria: [ExemptionCriterion]
  /// Granted because the citizen lives abroad (Act §5(1)): ends when they move back.
  public var forEmigration: Bool
  /// The application it was granted on, when recorded through one.
  public var applicationID: Int64?
  /// Unopened Digital Post from this day on is sent on paper, when the citizen asked.
  public var paperCopiesFrom: CivilDate?
}

/// One version of a delegated access between an owner and a helper (domain.md §6).
public struct AccessRecord: Sendable, Hashable {
  /// The owner of the letterbox.
  public var owner: CPRNumber
  /// The person given access.
  public var helper: CPRNumber
  /// Read, or read and write.
  public var level: AccessLevel
  /// The first day of this version (the grant, or a change of level or expiry).
  public var from: CivilDate
  /// The expiry date chosen at the grant: the last day of the access.
  public var until: CivilDate
  /// The first day this version no longer holds (revoked, given up, changed); nil while open.
  public var endedOn: CivilDate?
  /// Why this version ended: the access ended, or a change replaced the version.
  public var endReason: AccessVersionEnd?
  /// How the owner consented (in person with ID, power of attorney).
  public var consent: DelegatedAccess.Consent
}

/// A decision on an exemption application.
public struct DecisionRecord: Sendable, Hashable {
  /// Whether the exemption was granted.
  public var granted: Bool
  /// The reason, required for a refusal; nil for a grant and a withdrawal.
  public var reason: String?
  /// The day the decision takes effect.
  public var effective: CivilDate
  /// The deciding clerk and centre.
  public var clerk: String
  /// The deciding centre, by its municipality.
  public var centre: MunicipalityCode

  /// Whether the row closes an application the applicant withdrew, rather than deciding it:
  /// not granted, no letter. It is recorded and audited as a decision, so that `audit
  /// verify` guards it as one (the `withdrawn` column; the log gives it the reason
  /// `AuditWording.withdrawal`, which no refusal may give).
  public var isWithdrawal: Bool = false
}

/// An exemption application (form FD 001a) as recorded at the centre.
public struct ApplicationRecord: Sendable, Hashable {
  /// The registry's number for the application.
  public var id: Int64
  /// The citizen the application is for.
  public var cpr: CPRNumber
  /// The day it was handed in.
  public var receivedOn: CivilDate
  /// The receiving centre, by its municipality.
  public var centre: MunicipalityCode
  /// The receiving clerk.
  public var clerk: String
  /// The criteria ticked.
  public var criteria: [ExemptionCriterion]
  /// Who applied on the citizen's behalf and with what authority; nil in person. The
  /// registry keeps a representative by name (`Representative.displayName`: a CPR number
  /// only masked, inside the name), so the identity read back is always `.name`.
  public var representative: Representative?
  /// The identity documents presented, in the order checked.
  public var identityDocuments: [PresentedDocument]
  /// Whether the citizen asked for the last 6 months' unopened post on paper.
  public var paperCopies: Bool
  /// The decision, once recorded.
  public var decision: DecisionRecord?
}

/// One entry of the append-only audit log, as stored (the subject is masked).
public struct AuditEntry: Sendable, Hashable {
  /// Position in the chain, from 1.
  public var id: Int64
  /// When, as ISO-8601 UTC with milliseconds.
  public var at: String
  /// Which clerk.
  public var clerk: String
  /// Which centre.
  public var centre: String
  /// What happened, as an action word (`citizen.update`, `exemption.start`, ...).
  public var action: String
  /// Whom it is about, masked (`DDMMYY-XXXX`), or empty for a whole import.
  public var subject: String
  /// The state before, as JSON with masked CPR numbers; nil when created.
  public var before: String?
  /// The state after, as JSON with masked CPR numbers; nil when removed.
  public var after: String?
  /// The hash of the entry before (64 zeros for the first).
  public var previousHash: String
  /// SHA-256 of the previous hash and this entry's canonical bytes, hex.
  public var hash: String
}

/// The outcome of walking the audit chain.
public enum AuditVerification: Sendable, Hashable {
  /// Every entry holds; `count` entries, the last with hash `head`.
  case intact(count: Int, head: String)
  /// The first entry that does not hold, by id, and why.
  case broken(entryID: Int64, reason: String)
}

/// What an import of a CPR extract did.
public struct ImportSummary: Sendable, Hashable {
  /// Data rows read (the header not counted).
  public var rows: Int
  /// Citizens new to the registry.
  public var created: Int
  /// Citizens whose data changed: the old version closed, a new one opened.
  public var updated: Int
  /// Citizens whose data was the same: nothing written.
  public var unchanged: Int
  /// SHA-256 of the file, hex: recorded in the audit entry.
  public var sha256: String
  /// The audit entry that records the import.
  public var auditEntryID: Int64
  /// Exemptions granted for emigration that ended because the citizen moved back.
  public var emigrationExemptionsEnded: Int = 0
}

/// What went wrong in the registry, in words a clerk can act on.
public struct RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong and, where there is one, what to do; `{refusal}` where a rule's `refusal`
  /// goes, in the words of whoever prints it (`worded(_:)`).
  public var message: String
  /// The rule's refusal the message reports (a row the rules refuse), as structure: the
  /// domain has no words, the catalogues do.
  public var refusal: DomainError?

  /// Creates an error with a message for a person.
  public init(_ message: String) { self.message = message }

  /// Creates an error that reports the rule's `refusal` where `message` says `{refusal}`.
  public init(_ message: String, refusal: DomainError) {
    self.message = message
    self.refusal = refusal
  }

  /// The message with the refusal in the words `words` gives it.
  public func worded(_ words: (DomainError) -> String) -> String {
    refusal.map { message.replacingOccurrences(of: "{refusal}", with: words($0)) } ?? message
  }

  /// The message, the refusal as its case (for logs; a person reads `worded(_:)`).
  public var description: String { worded { "\($0)" } }
}
