import DigitalPost
import Registry

/// Writes the notices due on a date: to each custody holder of a child whose letterbox
/// is assigned in three weeks (domain.md §3, `OurRules.letterboxNoticeDaysBefore`).
public struct SendLetterboxNotices: Sendable {
  /// The desk whose registry, templates and letterheads the notices are written from.
  public let desk: Desk

  /// Makes the job for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// Why one notice could not be written, as structure (the child and holder are the notice's).
  public enum Problem: Sendable, Equatable {
    /// The child has no custody holder recorded.
    case noCustodyHolder
    /// The custody holder is not in the registry, or has died.
    case holderGone
    /// The holder's address cannot be set in the envelope window (`DeskError.addressDoesNotFit`).
    case refused(DeskError)
  }

  /// One notice written, or one that could not be.
  public struct Notice: Sendable, Equatable {
    /// The child whose letterbox is due.
    public var child: CPRNumber
    /// The custody holder the notice is addressed to; nil when the child has none recorded.
    public var holder: CPRNumber?
    /// The day the child's letterbox is assigned.
    public var letterboxDate: CivilDate
    /// The file, or nil when the notice could not be written (see `problem`).
    public var path: String?
    /// Why the notice could not be written; nil when it was. `RefusalWording` words it.
    public var problem: Problem?
    /// Every file of the notice, one per format asked for (`path` is the first).
    public var paths: [String] = []
  }

  /// Writes `letterbox-notice-NN.html` (or `.pdf`, or both: `formats`) into `folder` for every
  /// notice due on `date`.
  public func run(date: CivilDate, folder: String, formats: [DocumentFormat] = [.html]) throws -> [Notice] {
    var notices: [Notice] = []
    for birthDate in LetterboxRules.birthDates(noticeOn: date) {
      for child in try desk.registry.citizens(bornBetween: birthDate, and: birthDate).sorted(by: { $0.cpr < $1.cpr }) {
        if !LetterboxRules.isNoticeSent(on: date, status: child.status) { continue }
        let due = LetterboxRules.dueDate(birthDate: child.cpr.birthDate)
        if child.custodyHolders.isEmpty {
          notices.append(
            Notice(
              child: child.cpr, holder: nil, letterboxDate: due, path: nil,
              problem: .noCustodyHolder))
        }
        for holderCPR in child.custodyHolders {
          notices.append(
            try notice(
              child: child, holderCPR: holderCPR, due: due, date: date, folder: folder, formats: formats, notices.count)
          )
        }
      }
    }
    return notices
  }

  private func notice(
    child: Citizen, holderCPR: CPRNumber, due: CivilDate, date: CivilDate, folder: String,
    formats: [DocumentFormat], _ index: Int
  ) throws -> Notice {
    guard let holder = try desk.registry.citizen(holderCPR, asOf: date), !holder.status.isDeceased(on: date) else {
      return Notice(
        child: child.cpr, holder: holderCPR, letterboxDate: due, path: nil,
        problem: .holderGone)
    }
    let centre = try desk.centres.centre(child.municipality)
    let language = holder.language
    let firstName = child.name.split(separator: " ").first.map(String.init) ?? child.name
    let recipient: RecipientData
    do { recipient = try RecipientData(holder, in: language) } catch let error as DeskError {
      // One holder's address that the window cannot hold stops that notice, not the others.
      return Notice(child: child.cpr, holder: holderCPR, letterboxDate: due, path: nil, problem: .refused(error))
    }
    let text = try desk.documents.render(
      "letterbox-notice", language,
      NoticeLetter(
        date: date.iso, reference: Reference.notice(on: date, number: index + 1), centre: CentreData(centre),
        recipient: recipient,
        child: .init(name: child.name, firstName: firstName, cpr: child.cpr.digits, letterboxDate: due.iso)))
    let files = try DocumentFile.files(
      text, named: "letterbox-notice-\(Reference.pad(Int64(index + 1), width: 2))", in: folder, formats: formats,
      on: date)
    for (path, contents) in files { try DocumentFile.write(contents, to: path) }
    return Notice(
      child: child.cpr, holder: holderCPR, letterboxDate: due, path: files[0].path, problem: nil,
      paths: files.map(\.path))
  }

  struct NoticeLetter: Encodable {
    var date: String
    var reference: String
    var centre: CentreData
    var recipient: RecipientData
    var child: Child

    struct Child: Encodable {
      var name, firstName, cpr, letterboxDate: String
    }
  }
}
