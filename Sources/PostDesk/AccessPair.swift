import DigitalPost
import Registry

/// The owner, the helper and their recorded access today, for ending it: the rules then
/// say whether it is still in force (expired, or ended by a death).
struct AccessPair {
  var owner: Citizen
  var helper: Citizen
  var record: AccessRecord

  init(desk: Desk, owner: CPRNumber, helper: CPRNumber) throws {
    self.owner = try desk.citizen(owner, role: .owner)
    self.helper = try desk.citizen(helper, role: .helper)
    guard let record = try desk.registry.access(owner: owner, helper: helper, asOf: desk.today) else {
      throw DeskError.noAccess(owner: owner, helper: helper)
    }
    self.record = record
  }
}
