/// The identity check at the counter (domain.md §5, seed 001).
///
/// Either one valid photo ID, or two documents without photo of different kinds (of
/// different entries of the seed's list: `IdentityDocumentKind.listEntry`), one of
/// which shows the CPR number and at least one of which is a health insurance card, a
/// certificate of residential address, or a birth or name certificate. Documents that are
/// not valid on the day (expired, benefit receipt too old) do not count.
public enum IdentityRules {
  /// Why the documents do not verify identity, as cases, in the order found.
  public struct Refusal: Error, Hashable, Sendable {
    /// Each document not valid on the day, then why the rest do not verify identity.
    public var problems: [IdentityProblem]

    /// A refusal for `problems`.
    public init(problems: [IdentityProblem]) { self.problems = problems }
  }

  /// Checks the documents one person presents on `date`: the basis identity was verified
  /// on, or the reasons it was not, as cases each interface words.
  public static func verify(_ documents: [PresentedDocument], on date: CivilDate) -> Result<IdentityBasis, Refusal> {
    guard !documents.isEmpty else { return .failure(Refusal(problems: [.noDocument])) }
    var problems: [IdentityProblem] = []
    var valid: [PresentedDocument] = []
    for document in documents {
      if let problem = document.problem(on: date) {
        problems.append(problem)
      } else {
        valid.append(document)
      }
    }
    if let photo = valid.first(where: { $0.kind.hasPhoto }) {
      return .success(.photo(photo.kind))
    }
    if let pair = nonPhotoPair(valid) {
      return .success(.twoWithoutPhoto(pair.0.kind, pair.1.kind))
    }
    problems.append(whyNoPair(valid))
    return .failure(Refusal(problems: problems))
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
  private static func whyNoPair(_ valid: [PresentedDocument]) -> IdentityProblem {
    var kinds: [IdentityDocumentKind] = []
    for document in valid where !kinds.contains(document.kind) { kinds.append(document.kind) }
    var entries: [IdentityDocumentKind] = []
    for kind in kinds where !entries.contains(kind.listEntry) { entries.append(kind.listEntry) }
    switch kinds.count {
    case 0: return .noValidDocument
    case 1: return .aloneNotEnough(kinds[0])
    case _ where entries.count == 1: return .oneEntry(kinds)
    default:
      if !kinds.contains(where: \.anchorsNonPhotoPair) { return .noAnchor(kinds) }
      return .noCPRNumberShown(kinds)
    }
  }
}
