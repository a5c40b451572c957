import ArgumentParser
import DigitalPost
import Foundation
import PostDesk
import Registry

/// What `citizens show` prints: every CPR number masked, every rule asked of DigitalPost.
struct CitizenView: Encodable {
  struct Exemption: Encodable {
    var criteria: [String]
    var since: String
  }
  struct Access: Encodable {
    var helper: String
    var level: String
    var until: String
  }
  var cpr: String
  var name: String
  var asOf: String
  var birthDate: String
  var age: Int
  var letterbox: String
  var letterboxDate: String?
  var exemption: Exemption?
  var accesses: [Access]
  var channel: String
  var channelReason: String

  init(_ look: LookUpCitizen.Found, cpr: CPRNumber, asOf date: CivilDate) {
    let found = look.citizen
    let accesses = look.given.map(\.record)
    let exemption = found.exemption
    self.cpr = cpr.masked
    self.name = found.state.citizen.name
    self.asOf = date.iso
    self.birthDate = cpr.birthDate.iso
    self.age = LetterboxRules.age(of: cpr, on: date)
    self.letterbox = found.letterbox.name
    self.letterboxDate = found.letterboxDate?.iso
    self.exemption = exemption.map { Exemption(criteria: $0.criteria.map(\.rawValue), since: $0.since.iso) }
    self.accesses = accesses.map {
      Access(helper: $0.helper.masked, level: $0.level.rawValue, until: $0.until.iso)
    }
    self.channel = found.route.channel.name
    self.channelReason = found.route.reason
  }

  func encode(to encoder: any Encoder) throws {
    enum Key: String, CodingKey {
      case cpr, name, asOf, birthDate, age, letterbox, letterboxDate, exemption, accesses, channel, channelReason
    }
    // Absent values are written as null, so every key is always there.
    var c = encoder.container(keyedBy: Key.self)
    try c.encode(cpr, forKey: .cpr)
    try c.encode(name, forKey: .name)
    try c.encode(asOf, forKey: .asOf)
    try c.encode(birthDate, forKey: .birthDate)
    try c.encode(age, forKey: .age)
    try c.encode(letterbox, forKey: .letterbox)
    try c.encode(letterboxDate, forKey: .letterboxDate)
    try c.encode(exemption, forKey: .exemption)
    try c.encode(accesses, forKey: .accesses)
    try c.encode(channel, forKey: .channel)
    try c.encode(channelReason, forKey: .channelReason)
  }

  /// Sorted keys, pretty-printed: the same bytes on every run.
  func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try! encoder.encode(self), as: UTF8.self)
  }

  /// The form a clerk reads at the desk.
  func text() -> String {
    var lines = ["\(cpr)  \(name)", "  born \(birthDate), age \(age) on \(asOf)"]
    lines.append("  letterbox: \(letterbox)" + (letterboxDate.map { " (\($0))" } ?? ""))
    if let exemption {
      lines.append("  exemption: since \(exemption.since), criteria \(exemption.criteria.joined(separator: ", "))")
    } else {
      lines.append("  exemption: none")
    }
    if accesses.isEmpty { lines.append("  accesses: none") }
    for access in accesses {
      lines.append("  access: \(access.helper) \(access.level) until \(access.until)")
    }
    lines.append("  channel: \(channel) (\(channelReason))")
    return lines.joined(separator: "\n")
  }
}
