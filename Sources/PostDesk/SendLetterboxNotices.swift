import DigitalPost
import Documents
import Registry

/// Makes the notices due on a date: to each custody holder of a child whose letterbox
/// is assigned in three weeks (domain.md §3, `OurRules.letterboxNoticeDaysBefore`).
public struct SendLetterboxNotices: Sendable {
  /// The desk whose registry, templates and letterheads the notices are made from.
  public let desk: Desk

  /// Makes the job for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// Why one notice could not be made, as structure (the child and holder are the notice's).
  public enum Problem: Sendable, Equatable {
    /// The child has no custody holder recorded.
    case noCustodyHolder
    /// The custody holder is not in the registry, or has died.
    case holderGone
    /// The holder's address cannot be set in the envelope window (`DeskError.addressDoesNotFit`).
    case refused(DeskError)
  }

  /// One notice made, or one that could not be.
  public struct Notice: Sendable, Equatable {
    /// The child whose letterbox is due.
    public var child: CPRNumber
    /// The custody holder the notice is addressed to; nil when the child has none recorded.
    public var holder: CPRNumber?
    /// The day the child's letterbox is assigned.
    public var letterboxDate: CivilDate
    /// Why the notice could not be made; nil when it was. `RefusalWording` words it.
    public var problem: Problem?
    /// The notice, `letterbox-notice-NN`, once per format asked for, as kept; empty when it
    /// could not be made (see `problem`).
    public var letters: [Document] = []
  }

  /// Makes `letterbox-notice-NN` in each of `formats` for every notice due on `date`, and keeps
  /// them all in `sink` at the end, all or none.
  public func run(date: CivilDate, formats: [DocumentFormat] = [.html], into sink: some DocumentSink) throws
    -> [Notice]
  {
    var notices: [Notice] = []
    for birthDate in LetterboxRules.birthDates(noticeOn: date) {
      for child in try desk.registry.citizens(bornBetween: birthDate, and: birthDate).sorted(by: { $0.cpr < $1.cpr }) {
        if !LetterboxRules.isNoticeSent(on: date, status: child.status) { continue }
        let due = LetterboxRules.dueDate(birthDate: child.cpr.birthDate)
        if child.custodyHolders.isEmpty {
          notices.append(
            Notice(
              child: child.cpr, holder: nil, letterboxDate: due, problem: .noCustodyHolder))
        }
        for holderCPR in child.custodyHolders {
          notices.append(
            try notice(child: child, holderCPR: holderCPR, due: due, date: date, formats: formats, notices.count))
        }
      }
    }
    try desk.keep(notices.flatMap(\.letters), in: sink)
    return notices
  }

  private func notice(
    child: Citizen, holderCPR: CPRNumber, due: CivilDate, date: CivilDate, formats: [DocumentFormat], _ index: Int
  ) throws -> Notice {
    guard let holder = try desk.registry.citizen(holderCPR, asOf: date), !holder.status.isDeceased(on: date) else {
      return Notice(
        child: child.cpr, holder: holderCPR, letterboxDate: due, problem: .holderGone)
    }
    let centre = try desk.centres.centre(child.municipality)
    let language = holder.language
    let firstName = child.name.split(separator: " ").first.map(String.init) ?? child.name
    let recipient: RecipientData
    do { recipient = try RecipientData(holder, in: language) } catch let error as DeskError {
      // One holder's address that the window cannot hold stops that notice, not the others.
      return Notice(child: child.cpr, holder: holderCPR, letterboxDate: due, problem: .refused(error))
    }
    let text = try desk.documents.render(
      "letterbox-notice", language,
      NoticeLetter(
        date: date.iso, reference: Reference.notice(on: date, number: index + 1), centre: CentreData(centre),
        recipient: recipient,
        child: .init(name: child.name, firstName: firstName, cpr: child.cpr.digits, letterboxDate: due.iso)))
    let letters = try Document.made(
      "letterbox-notice-\(Reference.pad(Int64(index + 1), width: 2))", html: text, as: formats, printer: desk.printer,
      on: date)
    return Notice(child: child.cpr, holder: holderCPR, letterboxDate: due, problem: nil, letters: letters)
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
