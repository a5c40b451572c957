extension Citizen {
  /// Throws unless the register may hold this record from `effective` (docs/rules.md §2):
  /// born by then (`CPRNumber.checkBorn(by:)`); a death neither before the birth nor after
  /// `effective` (a death is registered once it has happened: a future one would close the
  /// letterbox by itself on that day); and two custody holders who are two people (one
  /// named twice would be sent every letter twice).
  ///
  /// Every writer of citizens asks it: the import, once per row, and the desk's upsert.
  public func checkRegistrable(on effective: CivilDate) throws(DomainError) {
    try cpr.checkBorn(by: effective)
    if case .deceased(let died) = status {
      if died < cpr.birthDate { throw DomainError.diedBeforeBirth(cpr, died: died) }
      if died > effective { throw DomainError.diedAfter(cpr, died: died, effective: effective) }
    }
    if custodyHolders.count == 2, custodyHolders[0] == custodyHolders[1] {
      throw DomainError.custodyHolderTwice(cpr, holder: custodyHolders[0])
    }
  }
}
