import DigitalPost
import Documents
import Registry

/// Why a job at the desk was refused: which record is missing or in the wrong state, as
/// structure; its words (what is wrong and what to do) are the catalogues', worded by
/// `RefusalWording` for whoever reads them.
///
/// Rule refusals come from `DigitalPost` as `DomainError` and pass through unchanged; these
/// are the desk's own: records that are missing or in the wrong state.
public enum DeskError: Error, Equatable, Sendable {
  /// No such person in the register: the part they play, or nil for the citizen the job is about.
  case unknownCitizen(CPRNumber, role: PersonRole?)
  case unknownApplication(Int64)
  /// The application is another citizen's than the one the job names.
  case notTheCitizensApplication(Int64, CPRNumber)
  /// Another decision was recorded first: by `clerk` at `centre`, effective `on`.
  case applicationAlreadyDecided(Int64, granted: Bool, clerk: String, centre: String, on: CivilDate)
  /// The application was closed as withdrawn by the applicant: by `clerk` at `centre`, on `on`.
  case applicationWithdrawn(Int64, clerk: String, centre: String, on: CivilDate)
  case notExempt(CPRNumber)
  case noAccess(owner: CPRNumber, helper: CPRNumber)
  case unknownCentre(MunicipalityCode)
  case badCentresFile(String, key: String)
  case centreNotNamed
  case outputIsFolder(String)
  /// The rules do not allow the grant; the rule's own refusal says why.
  case cannotGrant(DomainError)
  case cannotWrite(String, String)
  /// The citizen's name and address cannot be set in the envelope window without a wrap.
  case addressDoesNotFit(CPRNumber, EnvelopeWindow.Problem)

  /// The word for the part a person plays: the role's own, "citizen" for the citizen the job
  /// is about (nil); the message catalogues word it as `role.WORD`.
  static func roleWord(_ role: PersonRole?) -> String { role?.rawValue ?? "citizen" }
}

extension DeskError {
  /// The refusal of a second decision (or a withdrawal) on application `id`, naming the
  /// first: a decision, or the applicant's withdrawal.
  static func alreadyDecided(_ id: Int64, _ decision: DecisionRecord) -> DeskError {
    if decision.isWithdrawal {
      return .applicationWithdrawn(
        id, clerk: decision.clerk, centre: decision.centre.description, on: decision.effective)
    }
    return .applicationAlreadyDecided(
      id, granted: decision.granted, clerk: decision.clerk, centre: decision.centre.description,
      on: decision.effective)
  }
}
