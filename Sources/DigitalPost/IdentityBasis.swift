/// The documents identity was verified with, for the centre's section of the form.
public enum IdentityBasis: Hashable, Sendable, Codable {
  /// One valid photo ID.
  case photo(IdentityDocumentKind)
  /// Two documents without photo: the first one of the three anchoring kinds.
  case twoWithoutPhoto(IdentityDocumentKind, IdentityDocumentKind)

  /// The documents, in the order the form prints them.
  public var kinds: [IdentityDocumentKind] {
    switch self {
    case .photo(let kind): [kind]
    case .twoWithoutPhoto(let first, let second): [first, second]
    }
  }

  /// What the centre's section of the form prints: "Identitet kontrolleret med: Pas ...".
  public func wording(in language: Language) -> String {
    kinds.map { $0.wording(in: language) }.joined(separator: language == .da ? " og " : " and ")
  }
}
