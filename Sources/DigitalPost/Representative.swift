/// A person acting for someone else at the counter: for an exemption (form FD 001f) or a
/// delegated access given by power of attorney.
public struct Representative: Hashable, Sendable, Codable {
  /// Who they are: a CPR number when they have one, otherwise a name.
  public var identity: Identity
  /// What entitles them to act.
  public var authority: Authority

  /// Records a representative.
  public init(_ identity: Identity, authority: Authority) {
    self.identity = identity
    self.authority = authority
  }

  /// How a representative is identified.
  public enum Identity: Hashable, Sendable, Codable {
    /// A person in CPR.
    case cpr(CPRNumber)
    /// A person known by name only.
    case name(String)
  }

  /// What entitles a representative to act; raw values are the CLI words.
  public enum Authority: String, Hashable, Sendable, Codable, CaseIterable {
    /// A power of attorney signed by the citizen (fuldmagt, FD 001f).
    case powerOfAttorney = "power-of-attorney"
    /// A guardian (værge), with the court's appointment document.
    case guardian = "guardian"

    /// The authority as a form prints it.
    public func wording(in language: Language) -> String {
      switch (self, language) {
      case (.powerOfAttorney, .da): "fuldmagt"
      case (.powerOfAttorney, .en): "power of attorney"
      case (.guardian, .da): "værge (med rettens beskikkelse)"
      case (.guardian, .en): "guardian (with the court's appointment)"
      }
    }
  }

  /// How messages name the representative: the masked CPR number or the name.
  public var displayName: String {
    switch identity {
    case .cpr(let cpr): cpr.masked
    case .name(let name): name
    }
  }
}
