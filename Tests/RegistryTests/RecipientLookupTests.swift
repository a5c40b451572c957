import DigitalPost
import Foundation
import GRDB
import Testing

@testable import Registry

@Suite("The batch lookup agrees with the history tables")
struct RecipientLookupTests {
  let adult = Fixtures.cpr("090685-4012")
  let abroad = Fixtures.cpr("140382-3518")
  let child = Fixtures.cpr("031211-8254")
  let unknown = Fixtures.cpr("010101-1234")

  /// What the lookup answers for `numbers` on `date`, next to the one-query-per-citizen read.
  func answers(_ registry: Registry, _ numbers: [CPRNumber], on date: CivilDate)
    throws -> (batch: [RecipientState?], single: [RecipientState?])
  {
    let batch = try registry.withRecipientLookup(asOf: date) { lookup in numbers.map { lookup($0) } }
    let single = try numbers.map { try registry.recipientState($0, asOf: date) }
    return (batch, single)
  }

  /// A registry where one citizen of each kind changes over 2026: an address change, an
  /// emigration with a foreign address, an exemption that starts and ends.
  func history() throws -> Registry {
    let registry = try Registry.inMemory()
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(Fixtures.citizen(adult.digits), effective: Fixtures.date("2026-01-01"))
      try tx.upsertCitizen(Fixtures.citizen(abroad.digits), effective: Fixtures.date("2026-01-01"))
      try tx.upsertCitizen(
        Fixtures.citizen(child.digits, holders: [adult.digits, abroad.digits]), effective: Fixtures.date("2026-01-01"))
    }
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(Fixtures.citizen(adult.digits, street: "Nørregade"), effective: Fixtures.date("2026-03-03"))
      var emigrated = Fixtures.citizen(abroad.digits)
      emigrated.address = .foreign(ForeignAddress(lines: ["Calle del Sol 3", "29602 Marbella"], countryCode: "ES"))
      emigrated.status = .emigrated(since: Fixtures.date("2026-04-01"))
      emigrated.language = .en
      try tx.upsertCitizen(emigrated, effective: Fixtures.date("2026-04-01"))
      try tx.startExemption(
        abroad, since: Fixtures.date("2026-04-01"), criteria: [.emigratedOrNoFixedResidence], forEmigration: true,
        applicationID: nil, paperCopiesFrom: nil)
      try tx.startExemption(
        adult, since: Fixtures.date("2026-02-01"), criteria: [.languageBarriers], forEmigration: false,
        applicationID: nil, paperCopiesFrom: nil)
    }
    try registry.write(Fixtures.clerk) {
      try $0.endExemption(adult, on: Fixtures.date("2026-06-01"), reason: .withdrawn)
    }
    return registry
  }

  @Test(arguments: [
    "2025-12-31", "2026-01-01", "2026-01-31", "2026-02-01", "2026-03-02", "2026-03-03", "2026-03-31", "2026-04-01",
    "2026-05-31", "2026-06-01", "2030-01-01",
  ])
  func agreesOnEveryDay(_ day: String) throws {
    let registry = try history()
    let (batch, single) = try answers(registry, [adult, abroad, child, unknown], on: Fixtures.date(day))
    #expect(batch == single)
  }

  /// The lookup of a store where a look-up is a round trip (PostgreSQL's), run here on SQLite:
  /// prefetched or asked one by one, it answers as the single reads do.
  @Test(arguments: ["2025-12-31", "2026-01-01", "2026-03-03", "2026-04-01", "2026-06-01", "2030-01-01"])
  func theStoreLookupAgreesOnEveryDay(_ day: String) throws {
    let registry = try history()
    let date = Fixtures.date(day)
    let numbers = [adult, abroad, child, unknown]
    let single = try numbers.map { try registry.recipientState($0, asOf: date) }
    let registered = single.prefix(3).compactMap { $0 }.count
    let prefetched = try registry.withStoreLookup(asOf: date) { lookup in
      #expect(lookup.prefetches)
      // The child alone: its custody holders come with it.
      lookup.prefetch([child])
      #expect(lookup.heldAnswers == (single[2] == nil ? 0 : registered))
      return numbers.reversed().map { lookup($0) }.reversed() as [RecipientState?]
    }
    let oneByOne = try registry.withStoreLookup(asOf: date) { lookup in numbers.map { lookup($0) } }
    #expect(prefetched == single)
    #expect(oneByOne == single)
    #expect(try registry.withRecipientLookup(asOf: date) { $0.prefetches } == false)
  }

  /// More keys than one statement names: every block read, the last padded, the unknown left out.
  @Test func theStoreLookupReadsManyBlocks() throws {
    let registry = try Registry.inMemory()
    _ = try registry.importCitizens(
      csvPath: Fixtures.sampleCSV, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    let known = try registry.writer.read { db in
      try Int64.fetchAll(db, sql: "SELECT cpr FROM citizen ORDER BY cpr").map(CitizenRow.cpr)
    }
    let unknown = (0..<1_100).map { i in
      CPRNumber(storedValue: Int64(String(format: "%02d%02d70%04d", i % 28 + 1, i / 28 % 12 + 1, i))!)!
    }
    let numbers = unknown.prefix(700) + known + unknown.suffix(400)
    let date = Fixtures.date("2026-11-22")
    let single = try numbers.map { try registry.recipientState($0, asOf: date) }
    let batch = try registry.withStoreLookup(asOf: date) { lookup in
      lookup.prefetch(numbers)
      #expect(lookup.heldAnswers == known.count)
      return numbers.map { lookup($0) }
    }
    #expect(batch == single)
    #expect(batch.compactMap { $0 }.count == known.count)
  }

  @Test func boundedLookupAnswersAsTheMappedOneAndPutsTheConnectionBack() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lookup-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let registry = try Registry(path: folder.appendingPathComponent("registry.sqlite").path)
    try registry.write(Fixtures.clerk) { tx in
      try tx.upsertCitizen(Fixtures.citizen(adult.digits), effective: Fixtures.date("2026-01-01"))
      try tx.upsertCitizen(
        Fixtures.citizen(child.digits, holders: [adult.digits]), effective: Fixtures.date("2026-01-01"))
    }
    let day = Fixtures.date("2026-06-01")
    let numbers = [adult, child, unknown]
    let mapped = try registry.withRecipientLookup(asOf: day, memory: .mapped) { lookup in numbers.map { lookup($0) } }
    let bounded = try registry.withRecipientLookup(asOf: day, memory: .bounded(megabytes: 8)) { lookup in
      numbers.map { lookup($0) }
    }
    #expect(bounded == mapped)
    #expect(mapped[0] != nil && mapped[2] == nil)
    let settings = try registry.writer.read { db in
      (try Int.fetchOne(db, sql: "PRAGMA mmap_size"), try Int.fetchOne(db, sql: "PRAGMA cache_size"))
    }
    #expect(settings.0 == 0)
    #expect(settings.1 == -2000)
  }

  @Test func answersTheVersionAndExemptionOfTheDay() throws {
    let registry = try history()
    let date = Fixtures.date
    let (before, _) = try answers(registry, [adult, abroad, unknown], on: date("2026-03-02"))
    #expect(before[0]?.citizen == Fixtures.citizen(adult.digits))
    #expect(before[0]?.isExempt == true)
    #expect(before[1]?.citizen.status == .resident)
    #expect(before[1]?.isExempt == false)
    #expect(before[2] == nil)
    let (after, _) = try answers(registry, [adult, abroad], on: date("2026-06-01"))
    #expect(after[0]?.citizen == Fixtures.citizen(adult.digits, street: "Nørregade"))
    #expect(after[0]?.isExempt == false)
    #expect(after[1]?.citizen.status == .emigrated(since: date("2026-04-01")))
    #expect(after[1]?.citizen.language == .en)
    #expect(
      after[1]?.citizen.address
        == .foreign(ForeignAddress(lines: ["Calle del Sol 3", "29602 Marbella"], countryCode: "ES")))
    #expect(after[1]?.isExempt == true)
    #expect(try registry.withRecipientLookup(asOf: date("2025-12-31")) { $0(adult) } == nil)
  }

  @Test func everyFieldComesBackAsStored() throws {
    let registry = try Registry.inMemory()
    let date = Fixtures.date("2026-01-01")
    let people = [
      Citizen(
        cpr: Fixtures.cpr("090685-4012"), name: "Åse Østergaard",
        address: .danish(
          DanishAddress(
            coName: "Bjørn Møller", street: "Åboulevarden", building: "7A", floor: "st", door: "", postcode: "5000",
            city: "Odense C")),
        status: .deceased(on: Fixtures.date("2025-12-24")), language: .en, municipality: MunicipalityCode(461)!),
      Citizen(
        cpr: Fixtures.cpr("140382-3518"), name: "Mette Jensen", address: .none,
        status: .noFixedResidence(since: Fixtures.date("2024-02-29")), municipality: MunicipalityCode(101)!),
      Citizen(
        cpr: Fixtures.cpr("031211-8254"), name: "Emma Jensen",
        address: .danish(DanishAddress(street: "Søndergade", building: "14", postcode: "8000", city: "Aarhus C")),
        municipality: MunicipalityCode(751)!, custodyHolders: [Fixtures.cpr("140382-3518")]),
      Citizen(
        cpr: Fixtures.cpr("200515-7481"), name: "Oliver Jensen",
        address: .foreign(ForeignAddress(lines: ["1200 Main Street"], countryCode: "US")),
        status: .emigrated(since: Fixtures.date("2025-07-01")), municipality: MunicipalityCode(751)!,
        custodyHolders: [Fixtures.cpr("140382-3518"), Fixtures.cpr("090685-4012")]),
    ]
    try registry.write(Fixtures.clerk) { tx in for c in people { try tx.upsertCitizen(c, effective: date) } }
    let found = try registry.withRecipientLookup(asOf: date) { lookup in people.map { lookup($0.cpr)?.citizen } }
    #expect(found == people)
  }

  @Test func sampleExtractAgreesWithSingleReads() throws {
    let registry = try Registry.inMemory()
    _ = try registry.importCitizens(
      csvPath: Fixtures.sampleCSV, effective: Fixtures.date("2026-11-22"), actor: Fixtures.clerk)
    let numbers = try registry.writer.read { db in
      try Int64.fetchAll(db, sql: "SELECT cpr FROM citizen ORDER BY cpr").map(CitizenRow.cpr)
    }
    #expect(numbers.count == 40)
    try registry.write(Fixtures.clerk) { tx in
      for cpr in numbers.prefix(5) {
        try tx.startExemption(
          cpr, since: Fixtures.date("2026-10-01"), criteria: [.languageBarriers], forEmigration: false,
          applicationID: nil, paperCopiesFrom: nil)
      }
    }
    for day in ["2026-09-30", "2026-11-22"] {
      let (batch, single) = try answers(registry, numbers + [unknown], on: Fixtures.date(day))
      #expect(batch == single)
      #expect(batch.compactMap { $0 }.filter(\.isExempt).count == (day == "2026-11-22" ? 5 : 0))
    }
  }

  @Test func exemptKeysAreTheExemptionsInForceInOrder() throws {
    let registry = try history()
    let keys = { (day: String) in
      try registry.writer.read { db in try SQLiteRouting.exemptKeys(db, asOf: day) }
    }
    #expect(try keys("2026-01-31") == [])
    #expect(try keys("2026-02-01") == [adult.storedValue])
    #expect(try keys("2026-04-01") == [adult.storedValue, abroad.storedValue].sorted())
    #expect(try keys("2026-06-01") == [abroad.storedValue])
  }

  @Test(arguments: ["2026-02-28", "2024-02-29", "2025-02-29", "2026-13-01", "26-01-01", "2026-1-01", "2026-01-0x", ""])
  func storedDatesReadAsTheParserReadsThem(_ text: String) throws {
    let registry = try Registry.inMemory()
    let date = try registry.writer.read { db in
      // The statement outlives the raw handle's use: it finalizes when released.
      let statement = try db.makeStatement(sql: "SELECT ?")
      let raw = RawStatement(statement, db)
      raw.bind(1, text)
      #expect(try raw.step())
      let date = raw.date(0)
      raw.reset()
      return withExtendedLifetime(statement) { date }
    }
    #expect(date == CivilDate(iso: text))
  }
}
