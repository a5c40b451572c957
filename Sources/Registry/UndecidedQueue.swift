import DigitalPost

/// The work queue as read on a day at an audit log's head (`Registry.undecidedApplications`).
struct UndecidedQueue: Sendable {
  var asOf: CivilDate
  var head: Int64
  var queue: [UndecidedApplication]
}
