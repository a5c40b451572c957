import DigitalPost
import Foundation
import GRDB
import Testing

@testable import Registry

@Suite("The compact routing table agrees with the history")
struct RoutingFactsTests {
  let adult = Fixtures.cpr("090685-4012")
  let abroad = Fixtures.cpr("140382-3518")
  let child = Fixtures.cpr("031211-8254")
  let homeless = Fixtures.cpr("200515-7481")
  let dying = Fixtures.cpr("010160-1234")
  let unknown = Fixtures.cpr("010101-1234")
  var everyone: [CPRNumber] { [adult, abroad, child, homeless, dying, unknown] }

  static let days = [
    "2025-12-31", "2026-01-01", "2026-02-01", "2026-03-02", "2026-03-03", "2026-04-01", "2026-05-09", "2026-05-10",
    "2026-06-01", "2026-07-01", "2030-01-01",
  ]

  /// What the three reads answer for `numbers` on `date`: the compact facts, the facts of the
  /// lookup's whole states, and the facts of one-query-per-citizen reads.
  func answers(_ registry: Registry, _ numbers: [CPRNumber], on date: CivilDate, memory: LookupMemory = .mapped)
    throws -> (compact: [RoutingFacts?], states: [RoutingFacts?], single: [RoutingFacts?])
  {
    let (compact, states) = try registry.withRecipientLookup(asOf: date, memory: memory) { lookup in
      (numbers.map { lookup.facts($0) }, numbers.map { lookup($0)?.routingFacts })
    }
    let single = try numbers.map { try registry.recipientState($0, asOf: date)?.routingFacts }
    return (compact, states, single)
  }

  /// The rows `citizen_route` should hold, derived from the open versions of `citizen`, and
  /// the rows it holds.
  func table(_ registry: Registry) throws -> (expected: [[Int64?]], held: [[Int64?]]) {
    try registry.writer.read { db in
      let columns = "cpr, valid_from, kind, status_date, municipality, custody_1, custody_2"
      let derived = """
        SELECT cpr, CAST(replace(valid_from, '-', '') AS INTEGER),
          (CASE status WHEN 'resident' THEN 0 WHEN 'emigrated' THEN 1 WHEN 'no-fixed-residence' THEN 2 ELSE 3 END)
            * 4 + (CASE address_kind WHEN 'danish' THEN 0 WHEN 'foreign' THEN 1 ELSE 2 END),
          CAST(replace(status_date, '-', '') AS INTEGER), municipality, custody_1, custody_2
        FROM citizen WHERE valid_to IS NULL ORDER BY cpr
        """
      func rows(_ sql: String) throws -> [[Int64?]] {
        try Row.fetchAll(db, sql: sql).map { row in (0..<7).map { row[$0] as Int64? } }
      }
      return (try rows(derived), try rows("SELECT \(columns) FROM citizen_route ORDER BY cpr"))
    }
  }

  /// A registry where every kind of change happens over 2026: created, moved (a version
  /// closed and a new one opened), replaced the same day, emigrated with a foreign address,
  /// without fixed residence and no address, died, a child with custody holders who gains
  /// a second one, exemptions that start and end.
  func history() throws -> Registry {
    let registry = try Registry.inMemory()
    let date = Fixtures.date
    try registry.write(Fixtures.clerk) { tx in
      for cpr in [adult, abroad, dying] {
        try tx.upsertCitizen(Fixtures.citizen(cpr.digits), effective: date("2026-01-01"))
      }
      try tx.upsertCitizen(
        Fixtures.citizen(child.digits, holders: [adult.digits]), effective: date("2026-01-01"))
    }
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(Fixtures.citizen(adult.digits, street: "Nørregade"), effective: date("2026-03-03"))
      var emigrated = Fixtures.citizen(abroad.digits)
      emigrated.address = .foreign(ForeignAddress(lines: ["Calle del Sol 3", "29602 Marbella"], countryCode: "ES"))
      emigrated.status = .emigrated(since: date("2026-04-01"))
      try tx.upsertCitizen(emigrated, effective: date("2026-04-01"))
      try tx.startExemption(
        abroad, since: date("2026-04-01"), criteria: [.emigratedOrNoFixedResidence], forEmigration: true,
        applicationID: nil, paperCopiesFrom: nil)
      try tx.startExemption(
        adult, since: date("2026-02-01"), criteria: [.languageBarriers], forEmigration: false,
        applicationID: nil, paperCopiesFrom: nil)
      var adrift = Fixtures.citizen(homeless.digits, holders: [abroad.digits])
      adrift.address = .none
      adrift.status = .noFixedResidence(since: date("2026-04-01"))
      try tx.upsertCitizen(adrift, effective: date("2026-04-01"))
      try tx.startExemption(
        homeless, since: date("2026-04-01"), criteria: [.emigratedOrNoFixedResidence], forEmigration: false,
        applicationID: nil, paperCopiesFrom: nil)
    }
    // Twice on one day: the second change replaces the first version of that day.
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(
        Fixtures.citizen(child.digits, street: "Vestergade", holders: [adult.digits]), effective: date("2026-05-10"))
    }
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(
        Fixtures.citizen(child.digits, street: "Vestergade", holders: [adult.digits, abroad.digits]),
        effective: date("2026-05-10"))
      try tx.upsertCitizen(
        Fixtures.citizen(dying.digits, status: .deceased(on: date("2026-06-01"))), effective: date("2026-06-03"))
      try tx.endExemption(adult, on: date("2026-06-01"), reason: .withdrawn)
    }
    return registry
  }

  @Test(arguments: days)
  func agreesWithTheHistoryOnEveryDay(_ day: String) throws {
    let registry = try history()
    let (compact, states, single) = try answers(registry, everyone, on: Fixtures.date(day))
    #expect(compact == states)
    #expect(compact == single)
  }

  @Test func holdsTheOpenVersionOfEveryCitizenAfterEveryKindOfWrite() throws {
    let registry = try history()
    let (expected, held) = try table(registry)
    #expect(held == expected)
    #expect(held.count == 5)
    // The child was replaced the same day: one row, the later version, with both holders.
    let child = held.first { $0[0] == self.child.storedValue }
    #expect(child == [self.child.storedValue, 20_260_510, 0, nil, 461, adult.storedValue, abroad.storedValue])
    // Deceased (3) at a Danish address (0); without fixed residence (2) and no address (2).
    let died = held.first { $0[0] == dying.storedValue }
    #expect(died == [dying.storedValue, 20_260_603, 3 * 4 + 0, 20_260_601, 461, nil, nil])
    let adrift = held.first { $0[0] == homeless.storedValue }
    #expect(adrift == [homeless.storedValue, 20_260_401, 2 * 4 + 2, 20_260_401, 461, abroad.storedValue, nil])
  }

  @Test func answersTheFactsOfTheDay() throws {
    let registry = try history()
    let date = Fixtures.date
    let (june, _, _) = try answers(registry, everyone, on: date("2026-06-03"))
    #expect(june[1]?.status == .emigrated(since: date("2026-04-01")))
    #expect(june[1]?.hasPostalAddress == true)
    #expect(june[1]?.isExempt == true)
    #expect(june[2]?.custodyHolders == [adult, abroad])
    #expect(june[3]?.hasPostalAddress == false)
    #expect(june[3]?.status == .noFixedResidence(since: date("2026-04-01")))
    #expect(june[3]?.custodyHolders == [abroad])
    #expect(june[4]?.status == .deceased(on: date("2026-06-01")))
    #expect(june[5] == nil)
    // Before the open versions began: from the history, not the compact table.
    let (march, _, _) = try answers(registry, everyone, on: date("2026-03-02"))
    #expect(march[0]?.isExempt == true)
    #expect(march[1]?.status == .resident)
    #expect(march[2]?.custodyHolders == [adult])
    #expect(march[3] == nil)
  }

  @Test func boundedAnswersAsMapped() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let registry = try Registry(path: folder.appendingPathComponent("registry.sqlite").path)
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(Fixtures.citizen(adult.digits), effective: Fixtures.date("2026-01-01"))
      try tx.upsertCitizen(
        Fixtures.citizen(child.digits, holders: [adult.digits]), effective: Fixtures.date("2026-01-01"))
    }
    for day in ["2025-12-31", "2026-06-01"] {
      let mapped = try answers(registry, everyone, on: Fixtures.date(day))
      let bounded = try answers(registry, everyone, on: Fixtures.date(day), memory: .bounded(megabytes: 8))
      #expect(bounded.compact == mapped.compact)
      #expect(bounded.compact == mapped.single)
    }
  }

  @Test func writersInPlainSQLKeepItRight() throws {
    let registry = try history()
    try registry.writer.write { db in
      // A script's rows (bench/batch/make_registry.py writes like this), one ignored as a duplicate.
      let insert = """
        INSERT OR IGNORE INTO citizen VALUES (?, ?, NULL, '1960-01-02', 'Ib', 'none', NULL, NULL, NULL, NULL, NULL,
          NULL, NULL, NULL, NULL, 'resident', NULL, 'da', 101, NULL, NULL, 1)
        """
      try db.execute(sql: insert, arguments: [unknown.storedValue, "2026-01-01"])
      try db.execute(sql: insert, arguments: [unknown.storedValue, "2026-01-01"])
      // A version closed with no successor: the citizen leaves the register that day.
      try db.execute(
        sql: "UPDATE citizen SET valid_to = '2026-07-01' WHERE cpr = ? AND valid_to IS NULL",
        arguments: [adult.storedValue])
      // An open version changed in place.
      try db.execute(
        sql: "UPDATE citizen SET municipality = 147 WHERE cpr = ? AND valid_to IS NULL", arguments: [abroad.storedValue]
      )
    }
    let (expected, held) = try table(registry)
    #expect(held == expected)
    #expect(held.contains { $0[0] == unknown.storedValue })
    #expect(!held.contains { $0[0] == adult.storedValue })
    for day in Self.days + ["2026-06-30"] {
      let (compact, states, single) = try answers(registry, everyone, on: Fixtures.date(day))
      #expect(compact == states)
      #expect(compact == single)
    }
    let (july, _, _) = try answers(registry, [adult, abroad], on: Fixtures.date("2026-07-01"))
    #expect(july[0] == nil)
    #expect(july[1]?.municipality == MunicipalityCode(147))
  }

  @Test func aRegistryOfTheEarlierSchemaGetsItsTableFilled() throws {
    let queue = try DatabaseQueue()
    try Registry.migrator.migrate(queue, upTo: "clerks-v1")
    let date = Fixtures.date
    try queue.write { db in
      let child = Fixtures.citizen(child.digits, holders: [adult.digits, abroad.digits])
      try CitizenRow.insert(SQLiteConnection(db), Fixtures.citizen(adult.digits), validFrom: "2026-01-01", auditID: 1)
      try db.execute(
        sql: "UPDATE citizen SET valid_to = '2026-03-03' WHERE cpr = ?", arguments: [adult.storedValue])
      try CitizenRow.insert(
        SQLiteConnection(db), Fixtures.citizen(adult.digits, status: .emigrated(since: date("2026-03-03"))),
        validFrom: "2026-03-03",
        auditID: 2)
      try CitizenRow.insert(SQLiteConnection(db), child, validFrom: "2026-01-01", auditID: 1)
      #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'citizen_route'") == 0)
    }
    try Registry.migrator.migrate(queue)
    let held = try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT cpr, valid_from, kind, status_date, custody_2 FROM citizen_route ORDER BY cpr")
        .map { row in (0..<5).map { row[$0] as Int64? } }
    }
    #expect(
      held
        == [
          [child.storedValue, 20_260_101, 0, nil, abroad.storedValue],
          [adult.storedValue, 20_260_303, 4, 20_260_303, nil],
        ].sorted { $0[0]! < $1[0]! })
  }

  @Test func aBulkImportFillsTheTableAndPutsTheTriggerBack() throws {
    let registry = try Registry.inMemory()
    _ = try registry.importCitizens(
      csvPath: Fixtures.sampleCSV, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    var (expected, held) = try table(registry)
    #expect(held == expected)
    #expect(held.count == 40)
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(Fixtures.citizen(unknown.digits), effective: Fixtures.date("2026-11-23"))
    }
    (expected, held) = try table(registry)
    #expect(held == expected)
    #expect(held.count == 41)
    let triggers = try registry.writer.read { db in
      try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'citizen_route%'")
    }
    #expect(Set(triggers) == ["citizen_route_insert", "citizen_route_update", "citizen_route_delete"])
  }

  @Test func aFailedBulkImportLeavesTheTriggersAsTheyWere() throws {
    let registry = try Registry.inMemory()
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("bad.csv").path
    try "cpr,name,municipality\n090685-4012,Åse,461\n090685-4012,Åse,461\n".write(
      toFile: bad, atomically: true, encoding: .utf8)
    #expect(throws: RegistryError.self) {
      try registry.importCitizens(csvPath: bad, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    }
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(Fixtures.citizen(adult.digits), effective: Fixtures.date("2026-11-23"))
    }
    let (expected, held) = try table(registry)
    #expect(held == expected)
    #expect(held.count == 1)
  }

  @Test func routingThroughFactsEqualsRoutingThroughStates() throws {
    let registry = try Registry.inMemory()
    _ = try registry.importCitizens(
      csvPath: Fixtures.sampleCSV, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    let numbers = try registry.writer.read { db in
      try Int64.fetchAll(db, sql: "SELECT cpr FROM citizen ORDER BY cpr").map(CitizenRow.cpr)
    }
    try registry.write(Fixtures.clerk) { tx in
      for cpr in numbers.enumerated().filter({ $0.offset % 3 == 0 }).map(\.element) {
        try tx.startExemption(
          cpr, since: Fixtures.date("2026-11-22"), criteria: [.languageBarriers], forEmigration: false,
          applicationID: nil, paperCopiesFrom: nil)
      }
    }
    var channels: Set<String> = []
    for day in ["2026-11-21", "2026-11-22", "2027-06-01"] {
      let date = Fixtures.date(day)
      let (byFacts, byStates) = try registry.withRecipientLookup(asOf: date) { lookup in
        let all = numbers + [unknown]
        return (
          all.map { cpr in DeliveryRules.route(cpr, on: date) { lookup.facts($0) } },
          all.map { cpr in DeliveryRules.route(cpr, on: date) { lookup($0)?.routingFacts } }
        )
      }
      #expect(byFacts == byStates)
      channels.formUnion(byFacts.map(\.channel.name))
    }
    #expect(channels.isSuperset(of: ["digital", "paper", "undeliverable"]))
  }
}
