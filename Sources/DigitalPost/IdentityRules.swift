/// The identity check at the counter (domain.md §5, seed 001).
///
/// Either one valid photo ID, or two documents without photo of different kinds (of
/// different entries of the seed's list: `IdentityDocumentKind.listEntry`), one of
/// which shows the CPR number and at least one of which is a health insurance card, a
/// certificate of residential address, or a birth or name certificate. Documents that are
/// not valid on the day (expired, benefit receipt too old) do not count.
public enum IdentityRules {
  /// What would do, said at the end of every refusal.
  static let whatWouldDo =
    "bring one valid photo ID, or two documents without photo of which one shows the CPR number and at least one "
    + "is a health insurance card, a certificate of residential address, or a birth or name certificate"

  /// Checks the documents one person presents on `date`.
  public static func check(_ documents: [PresentedDocument], on date: CivilDate) -> IdentityVerdict {
    guard !documents.isEmpty else {
      return .notAccepted(reason: "no identity document was presented; \(whatWouldDo)")
    }
    var problems: [String] = []
    var valid: [PresentedDocument] = []
    for document in documents {
      if let problem = document.whyNotValid(on: date) {
        problems.append(problem)
      } else {
        valid.append(document)
      }
    }
    if let photo = valid.first(where: { $0.kind.hasPhoto }) {
      return .accepted(.photo(photo.kind))
    }
    if let pair = nonPhotoPair(valid) {
      return .accepted(.twoWithoutPhoto(pair.0.kind, pair.1.kind))
    }
    problems.append(whyNoPair(valid))
    return .notAccepted(reason: "\(problems.joined(separator: ", and ")); \(whatWouldDo)")
  }

  /// The first acceptable pair without photo, anchoring document first.
  private static func nonPhotoPair(_ documents: [PresentedDocument]) -> (PresentedDocument, PresentedDocument)? {
    for anchor in documents where anchor.kind.anchorsNonPhotoPair {
      for other in documents
      where other.kind.listEntry != anchor.kind.listEntry && (anchor.showsCPRNumber || other.showsCPRNumber) {
        return (anchor, other)
      }
    }
    return nil
  }

  /// Why the valid documents (none with photo) make no acceptable pair.
  private static func whyNoPair(_ valid: [PresentedDocument]) -> String {
    var kinds: [IdentityDocumentKind] = []
    for document in valid where !kinds.contains(document.kind) { kinds.append(document.kind) }
    let names = kinds.map { "the \($0.shortName)" }
    var entries: [IdentityDocumentKind] = []
    for kind in kinds where !entries.contains(kind.listEntry) { entries.append(kind.listEntry) }
    switch kinds.count {
    case 0:
      return "no valid document remains"
    case 1:
      return "\(names[0]) alone is not enough"
    case _ where entries.count == 1:
      return "\(listed(names)) are one kind of document (one entry of the list), not two"
    default:
      if !kinds.contains(where: \.anchorsNonPhotoPair) {
        return "\(listed(names)) are not enough without a health insurance card, a certificate of residential "
          + "address, or a birth or name certificate"
      }
      if names.count == 2 { return "neither \(names[0]) nor \(names[1]) shows the CPR number" }
      return "none of \(listed(names)) shows the CPR number"
    }
  }

  /// "a, b and c".
  static func listed(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items.last!
  }
}
