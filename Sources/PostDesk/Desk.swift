import DigitalPost
import Documents
import Foundation
import Registry

/// Everything a job at the desk works with: the registry, the document templates, the
/// centres' letterheads, what prints a document as PDF, and the day it is.
///
/// "Today" and "now" are handed in, never read from a clock here, so that tests and
/// re-runs give the same documents.
public struct Desk: Sendable {
  /// The registry every job reads and writes.
  public let registry: Registry
  /// The templates that letters and forms are rendered from.
  public let documents: DocumentLibrary
  /// The centres' letterheads and clerks' signatures, by municipality code.
  public let centres: CentreDirectory
  /// What prints a document as PDF, given by the interface; used only when a PDF is asked for.
  public let printer: any DocumentPrinter
  /// The working day: the date of every record and document made now.
  public let today: CivilDate
  /// The moment written into the audit log.
  public let now: Date

  /// Makes a desk for the working day `today`, writing `now` into the audit log.
  public init(
    registry: Registry, documents: DocumentLibrary, centres: CentreDirectory, printer: any DocumentPrinter,
    today: CivilDate, now: Date
  ) {
    self.registry = registry
    self.documents = documents
    self.centres = centres
    self.printer = printer
    self.today = today
    self.now = now
  }

  /// The document `name` rendered as `html`, in each of `formats` (PDF printed by `printer`),
  /// dated today.
  func made(_ name: String, html: String, as formats: [DocumentFormat]) throws -> [Document] {
    try Document.made(name, html: html, as: formats, printer: printer, on: today)
  }

  /// The audit actor for a clerk acting now.
  func actor(_ clerk: Clerk) -> AuditActor {
    AuditActor(clerk: clerk.id, centre: clerk.centre.description, at: now)
  }

  /// The citizen as the register holds them today, or a `DeskError` naming the CPR masked and
  /// the part the person plays (nil: the citizen the job is about).
  func citizen(_ cpr: CPRNumber, role: PersonRole? = nil) throws -> Citizen {
    guard let citizen = try registry.citizen(cpr, asOf: today) else {
      throw DeskError.unknownCitizen(cpr, role: role)
    }
    return citizen
  }

  /// The citizen with their exemption state today.
  func recipientState(_ cpr: CPRNumber, role: PersonRole? = nil) throws -> RecipientState {
    guard let state = try registry.recipientState(cpr, asOf: today) else {
      throw DeskError.unknownCitizen(cpr, role: role)
    }
    return state
  }
}
