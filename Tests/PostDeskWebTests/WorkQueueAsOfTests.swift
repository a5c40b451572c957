import DigitalPost
import Foundation
import HummingbirdTesting
import Registry
import Testing

/// Issue 22 item 10 on the web desk: the work queue reads the applicant as registered today,
/// as the decision does, and says so (docs/rules.md §1, Act §5(2)).
@Suite("Work queue as of today")
struct WorkQueueAsOfTests {
  @Test("a move imported with a later effective date leaves the application in today's municipality's queue")
  func moveInTheFuture() async throws {
    let fixture = try WebDeskFixture()
    let csv = "\(fixture.folder)/move.csv"
    try """
    cpr,name,street,building,floor,door,postcode,city,co_name,foreign_lines,country,status,status_date,language,\
    municipality,custody_1,custody_2
    140382-3518,Mette Jensen,Vesterbrogade,3,,,1620,København V,,,,,,da,101,,

    """.write(toFile: csv, atomically: true, encoding: .utf8)
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let mette = try await browser.find(WorkQueueTests.mette)
      #expect(try await browser.post("\(mette)/exemption/apply", WorkQueueTests.passport).status == .ok)
      _ = try fixture.registry.importCitizens(
        csvPath: csv, effective: CivilDate(iso: "2026-12-01")!,
        actor: AuditActor(clerk: "system", centre: "000", at: Date(timeIntervalSince1970: 1_795_000_000)))
      let queue = try await browser.get("/applications")
      #expect(queue.cells("application-id") == ["1"])
      #expect(queue.cells("application-deciding") == ["751"])
      #expect(
        queue.html.contains(
          "Applications that municipality 751 decides, where the citizen is registered today (22 November 2026), "
            + "oldest first."), "\(queue.html)")
      let decided = try await browser.post("\(mette)/exemption/decide", [("application", "1"), ("verdict", "grant")])
      #expect(decided.status == .ok)
    }
  }
}
