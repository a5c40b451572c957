import DigitalPost
import Foundation
import PostDeskTestSupport
import Registry
import Testing

@testable import RegistryPostgres

@Suite("The schema on PostgreSQL, by version")
struct PostgresSchemaTests {
  @Test func anOlderSchemaIsMigrated() throws {
    try PostgresTestDatabase.withStore { _, url in
      let cluster = try PostgresCluster.shared()
      let database = try PostgresTestDatabase.name(url)
      // The schema as version 1 left it.
      try cluster.psql(
        """
        DROP TABLE desk_session; DROP TABLE sign_in_attempt;
        UPDATE meta SET value = convert_to('1', 'UTF8') WHERE key = 'schema_version'
        """, database: database)
      let registry = try Registry(store: PostgresStore(url: url))
      #expect(try registry.deskSessionCount(seenSince: .distantPast) == 0)
      #expect(
        try cluster.psql(
          "SELECT convert_from(value, 'UTF8') FROM meta WHERE key = 'schema_version'", database: database)
          == "\(PostgresSchema.version)")
    }
  }

  @Test func aNewerSchemaIsRefused() throws {
    try PostgresTestDatabase.withStore { _, url in
      let database = try PostgresTestDatabase.name(url)
      try PostgresCluster.shared().psql(
        "UPDATE meta SET value = convert_to('99', 'UTF8') WHERE key = 'schema_version'", database: database)
      let location = try #require(try PostgresLocation(url: url))
      #expect(
        throws: RegistryError(
          "the registry \(location) has schema version 99, newer than this PostDesk's (\(PostgresSchema.version)): "
            + "run a newer PostDesk")
      ) {
        try PostgresStore(url: url)
      }
    }
  }

  @Test func aDatabaseOfSomethingElseIsNotWrittenInto() throws {
    let cluster = try PostgresCluster.shared()
    try cluster.withDatabase { url in
      let database = try PostgresTestDatabase.name(url)
      try cluster.psql("CREATE TABLE meta (key text, value text)", database: database)
      let location = try #require(try PostgresLocation(url: url))
      #expect(
        throws: RegistryError(
          "the database \(location) has a table meta that is not PostDesk's (no schema_version): "
            + "give the registry a database of its own")
      ) {
        try PostgresStore(url: url)
      }
    }
  }
}

@Suite("The web desks' shared state on PostgreSQL")
struct PostgresDeskStateTests {
  @Test func sessionsAndSignInAttempts() throws {
    try PostgresTestDatabase.withStore { store, _ in
      let registry = try Registry(store: store)
      let opened = Date(timeIntervalSince1970: 1_795_000_000)
      let session = DeskSession(
        clerk: "ab12", centre: MunicipalityCode(101)!, isAdmin: true, language: nil, openedAt: opened)
      try registry.openDeskSession(token: "t1", session, forgettingSeenBefore: opened.addingTimeInterval(-3600))
      #expect(try registry.deskSession(token: "t1")?.clerk == "ab12")
      #expect(try registry.deskSession(token: "t1")?.isAdmin == true)
      #expect(try registry.noteDeskSessionSeen(token: "t1", at: opened.addingTimeInterval(120)))
      try registry.chooseDeskSessionLanguage(token: "t1", .en)
      #expect(try registry.deskSession(token: "t1")?.language == .en)
      #expect(try registry.deskSessionCount(seenSince: opened) == 1)
      try registry.endDeskSession(token: "t1")
      #expect(try registry.deskSession(token: "t1") == nil)

      try registry.updateSignInAttempts(["clerk:ab12"], capacity: 10) { records in
        records["clerk:ab12"] = SignInAttempt(failures: 3, lastFailure: opened)
      }
      #expect(try registry.signInAttempts()["clerk:ab12"]?.failures == 3)
      #expect(try registry.forgetSignInAttempts(before: opened.addingTimeInterval(1)) == 1)
      let key = try registry.signInFormKey()
      #expect(try registry.signInFormKey() == key)
    }
  }
}

@Suite("A registry copied between SQLite and PostgreSQL")
struct PostgresCopyTests {
  @Test func sqliteToPostgresAndBack() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-copy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("samples/citizens.csv").path
    let actor = AuditActor(clerk: "ab12", centre: "101", at: Date(timeIntervalSince1970: 1_795_000_000))
    let source = try Registry(path: folder.appendingPathComponent("source.sqlite").path)
    _ = try source.importCitizens(csvPath: samples, effective: CivilDate(iso: "2026-11-22")!, actor: actor)
    let cpr = try #require(
      try source.citizens(bornBetween: CivilDate(iso: "1900-01-01")!, and: CivilDate(iso: "2030-01-01")!).first?.cpr)
    try source.write(actor) { tx in
      let id = try tx.recordApplication(
        cpr, receivedOn: CivilDate(iso: "2026-11-23")!, criteria: [.noInternet], representative: nil,
        identityDocuments: [], paperCopies: true)
      try tx.recordDecision(applicationID: id, granted: true, reason: nil, effective: CivilDate(iso: "2026-11-24")!)
      try tx.startExemption(
        cpr, since: CivilDate(iso: "2026-11-24")!, criteria: [.noInternet], forEmigration: false, applicationID: id,
        paperCopiesFrom: nil)
    }
    #expect(try source.verifyAuditedState() == nil)
    try PostgresTestDatabase.withStore { store, _ in
      let there = try source.copy(to: try Registry(store: store))
      // Opened again: the copy carried the source's subject key.
      let onPostgres = try Registry(store: store)
      #expect(try onPostgres.verifyAuditChain() == source.verifyAuditChain())
      let stateThere = try onPostgres.verifyAuditedState()
      #expect(stateThere == nil)
      #expect(try onPostgres.exemption(cpr, asOf: CivilDate(iso: "2026-12-01")!) != nil)
      // The copy goes on from its own numbers.
      let next = try onPostgres.write(actor) { tx in
        try tx.recordApplication(
          cpr, receivedOn: CivilDate(iso: "2026-12-01")!, criteria: [.noInternet], representative: nil,
          identityDocuments: [], paperCopies: false)
      }
      #expect(next == 2)
      let backPath = folder.appendingPathComponent("back.sqlite").path
      let returned = try onPostgres.copy(to: try Registry(path: backPath))
      let back = try Registry(path: backPath)
      #expect(returned.rows.count == there.rows.count)
      #expect(try back.verifyAuditChain() == onPostgres.verifyAuditChain())
      let stateBack = try back.verifyAuditedState()
      #expect(stateBack == nil)
    }
  }
}
