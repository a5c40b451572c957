import DigitalPost
import Foundation
import Testing

@testable import Registry

/// The work queue kept between pages: read again whenever the audit log has grown, whoever
/// wrote it (another desk on the same file).
@Suite("The work queue kept at the audit log's head")
struct UndecidedQueueTests {
  @Test func anotherRegistrysWritesAreSeenAtOnce() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("queue-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("registry.sqlite").path
    let desk = try Registry(path: path)
    let other = try Registry(path: path)
    let day = Fixtures.date("2026-11-22")
    let cpr = Fixtures.cpr("090685-4012")
    try other.write(Fixtures.clerk) {
      try $0.upsertCitizen(Fixtures.citizen(cpr.digits), effective: Fixtures.date("2026-01-01"))
    }
    #expect(try desk.undecidedApplications(asOf: day).isEmpty)
    let id = try other.write(Fixtures.clerk) {
      try $0.recordApplication(
        cpr, receivedOn: day, criteria: [.impairment], representative: nil, identityDocuments: [], paperCopies: false)
    }
    #expect(try desk.undecidedApplications(asOf: day).map(\.application.id) == [id])
    // The same head: the kept queue (the same values).
    #expect(try desk.undecidedApplications(asOf: day).map(\.application.id) == [id])
    // The applicant moves: the queue names the new municipality.
    var moved = Fixtures.citizen(cpr.digits)
    moved.municipality = MunicipalityCode(101)!
    try other.write(Fixtures.clerk) { _ = try $0.upsertCitizen(moved, effective: day) }
    #expect(try desk.undecidedApplications(asOf: day).map(\.applicant.municipality) == [MunicipalityCode(101)!])
    // Another day is read anew.
    #expect(try desk.undecidedApplications(asOf: Fixtures.date("2025-01-01")).isEmpty)
    try other.write(Fixtures.clerk) {
      try $0.recordDecision(applicationID: id, granted: false, reason: "no", effective: day)
    }
    #expect(try desk.undecidedApplications(asOf: day).isEmpty)
  }
}
