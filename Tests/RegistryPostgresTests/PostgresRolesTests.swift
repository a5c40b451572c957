import DigitalPost
import Foundation
import PostDeskTestSupport
import Registry
import Testing

@testable import RegistryPostgres

/// The roles docs/postgresql.md sets up: an owner that makes the schema, and the desk's role,
/// which may not rewrite the audit log.
@Suite("PostgreSQL roles")
struct PostgresRolesTests {
  @Test func theDesksRoleMayWriteButNotRewriteTheAudit() throws {
    let cluster = try PostgresCluster.shared()
    let suffix = UUID().uuidString.prefix(8).lowercased()
    let (owner, desk) = ("owner_\(suffix)", "desk_\(suffix)")
    try cluster.psql("CREATE ROLE \(owner) LOGIN; CREATE ROLE \(desk) LOGIN")
    defer { _ = try? cluster.psql("DROP ROLE IF EXISTS \(desk); DROP ROLE IF EXISTS \(owner)") }
    try cluster.withDatabase { url in
      let database = try PostgresTestDatabase.name(url)
      let asRole = { (role: String) in "postgresql://\(role)@/\(database)?host=\(cluster.socketDirectory)" }
      try cluster.psql("ALTER DATABASE \(database) OWNER TO \(owner)")
      // The owner's first start makes the schema; then the grants of docs/postgresql.md.
      _ = try PostgresStore(url: asRole(owner))
      try cluster.psql(
        """
        GRANT USAGE ON SCHEMA public TO \(desk);
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(desk);
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(desk);
        REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM \(desk);
        """, database: database)
      let registry = try Registry(store: PostgresStore(url: asRole(desk)))
      let actor = AuditActor(clerk: "ab12", centre: "101", at: Date(timeIntervalSince1970: 1_795_000_000))
      let cpr = try CPRNumber(parsing: "090685-4012")
      let id = try registry.write(actor) { tx in
        _ = try tx.upsertCitizen(
          Citizen(
            cpr: cpr, name: "Åse Østergaard",
            address: .danish(DanishAddress(street: "Algade", building: "1", postcode: "5000", city: "Odense C")),
            status: .resident, municipality: MunicipalityCode(461)!, custodyHolders: []),
          effective: CivilDate(iso: "2026-01-01")!)
        return try tx.recordApplication(
          cpr, receivedOn: CivilDate(iso: "2026-02-01")!, criteria: [.noInternet], representative: nil,
          identityDocuments: [], paperCopies: false)
      }
      #expect(id == 1)
      let store = try PostgresStore(url: asRole(desk))
      for statement in ["UPDATE audit SET clerk = 'zz99'", "DELETE FROM audit", "TRUNCATE audit"] {
        #expect(
          throws: RegistryError(
            "PostgreSQL refused the registry's statement: permission denied for table audit [SQLSTATE 42501]")
        ) {
          try store.write { try $0.execute(statement, []) }
        }
      }
    }
  }
}
