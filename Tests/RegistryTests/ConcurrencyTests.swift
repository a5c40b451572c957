import DigitalPost
import Foundation
import Testing

@testable import Registry

@Suite("Two writers on one file")
struct ConcurrencyTests {
  @Test func twoRegistriesWritingAtOnceLoseNothing() async throws {
    let path = try Fixtures.temporaryDirectory().appendingPathComponent("registry.sqlite").path
    let first = try Registry(path: path)
    let second = try Registry(path: path)
    let perWriter = 100
    // Each writer records its own citizens, one use case (transaction) per citizen.
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (writer, registry) in [(1, first), (2, second)] {
        group.addTask {
          for i in 0..<perWriter {
            let day = i % 28 + 1
            let number = String(format: "%02d%02d8%d-4%03d", day, writer, i / 28, i)
            let actor = AuditActor(clerk: "w\(writer)", centre: "101", at: Date(timeIntervalSince1970: Double(i)))
            try registry.write(actor) { tx in
              try tx.upsertCitizen(Fixtures.citizen(number), effective: Fixtures.date("2026-01-01"))
              try tx.startExemption(
                Fixtures.cpr(number), since: Fixtures.date("2026-02-01"), criteria: [.noInternet],
                forEmigration: false, applicationID: nil, paperCopiesFrom: nil)
            }
          }
        }
      }
      try await group.waitForAll()
    }
    let reader = try Registry(path: path)
    #expect(try Fixtures.count(reader, "citizen") == 2 * perWriter)
    #expect(try Fixtures.count(reader, "exemption") == 2 * perWriter)
    guard case .intact(let count, _) = try reader.verifyAuditChain() else {
      Issue.record("the chain should hold")
      return
    }
    #expect(count == 4 * perWriter)
  }
}
