import DigitalPost
import Documents
import Registry

/// Why a job at the desk was refused: one line that says what is wrong and what to do.
///
/// Rule refusals come from `DigitalPost` as `DomainError` and pass through unchanged; these
/// are the desk's own: records that are missing or in the wrong state.
public enum DeskError: Error, Equatable, Sendable, CustomStringConvertible {
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

  /// One line of English for the command line: what is wrong and what to do about it.
  public var message: String {
    switch self {
    case .unknownCitizen(let cpr, let role):
      "no \(Self.roleWord(role)) \(cpr) in the registry; check the number, or import a CPR extract with "
        + "'postdesk citizens import FILE.csv'"
    case .unknownApplication(let id):
      "no exemption application \(id) in the registry; 'postdesk exemption apply' prints the number of each "
        + "application it records"
    case .notTheCitizensApplication(let id, let cpr):
      "exemption application \(id) is not an application of \(cpr); check the number ('postdesk exemption pending' "
        + "lists each application with its citizen)"
    case .applicationAlreadyDecided(let id, let granted, let clerk, let centre, let date):
      "application \(id) was already \(granted ? "granted" : "refused") by \(clerk) at centre \(centre) on \(date); "
        + "a decision is final — record a new application if the citizen applies again"
    case .applicationWithdrawn(let id, let clerk, let centre, let date):
      "application \(id) was already withdrawn by the applicant (recorded by \(clerk) at centre \(centre) on \(date)); "
        + "it is closed — record a new application if the citizen applies again"
    case .notExempt(let cpr):
      "\(cpr) is not exempt from Digital Post today, so there is nothing to withdraw"
    case .noAccess(let owner, let helper):
      "\(helper) has no access to the Digital Post of \(owner) today; 'postdesk access list \(owner.masked)' "
        + "shows the accesses in force"
    case .unknownCentre(let code):
      "no Citizen Service Centre for municipality \(code) in centres.json; add its letterhead there"
    case .outputIsFolder(let path):
      "\(path) is a folder; give the file to write, e.g. \(path.hasSuffix("/") ? path : path + "/")letter.html"
    case .centreNotNamed:
      "a blank form needs the centre whose letterhead it carries; name it with --centre CODE (e.g. --centre 751)"
    case .cannotGrant(let reason):
      "cannot grant: \(reason.message); record the refusal with --refuse REASON, or mend the application and apply again"
    case .cannotWrite(let path, let reason):
      "cannot write \(path): \(reason); choose a folder you can write to"
    case .badCentresFile(let path, let key):
      "\(path): \"\(key)\" is not a three-digit municipality code; key each centre by its code, e.g. \"751\""
    case .addressDoesNotFit(let cpr, .tooManyLines(let count)):
      "the address of \(cpr) has \(count) lines with the name and the envelope window holds \(EnvelopeWindow.lines); "
        + "shorten it in the CPR extract and write the letter again"
    case .addressDoesNotFit(let cpr, .tooWide(let line, let width)):
      "the address of \(cpr) does not fit the envelope window: the line \"\(line)\" is \(width) mm wide at 10 pt "
        + "and the window holds \(Int(EnvelopeWindow.widthMillimetres)) mm; shorten the line in the CPR extract "
        + "and write the letter again"
    }
  }

  /// The message, as the error prints.
  public var description: String { message }
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
