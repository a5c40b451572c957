/// The part a person plays in a rule, as refusals name it (`role.NAME` in the catalogues):
/// `helper 010203-XXXX is 14 ...`.
public enum PersonRole: String, Hashable, Sendable, CaseIterable {
  /// The citizen an exemption application is for.
  case applicant
  /// The citizen whose Digital Post a delegated access opens.
  case owner
  /// The citizen given access to someone else's Digital Post.
  case helper
  /// The person applying on a citizen's behalf.
  case representative

  /// Throws `DomainError.tooYoung` unless `cpr` is 15 or older on `date`.
  func requireAge(of cpr: CPRNumber, on date: CivilDate) throws(DomainError) {
    let age = LetterboxRules.age(of: cpr, on: date)
    guard age >= LetterboxRules.letterboxAge else {
      throw DomainError.tooYoung(self, cpr, age: age, on: date)
    }
  }
}
