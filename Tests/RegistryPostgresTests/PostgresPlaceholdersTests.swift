import Testing

@testable import RegistryPostgres

@Suite("The store's placeholders on PostgreSQL")
struct PostgresPlaceholdersTests {
  @Test func inOrderAndByNumber() {
    #expect(PostgresPlaceholders.translate("SELECT ? , ?").sql == "SELECT $1 , $2")
    #expect(
      PostgresPlaceholders.translate("WHERE a = ?2 AND b = ?1 OR c = ?2").sql == "WHERE a = $2 AND b = $1 OR c = $2")
    // As SQLite numbers them: a bare ? after ?N is N + 1.
    #expect(PostgresPlaceholders.translate("VALUES (?3, ?)").sql == "VALUES ($3, $4)")
    #expect(PostgresPlaceholders.translate("VALUES (?3, ?)").parameterCount == 4)
  }

  @Test func quotesAndCommentsAreLeftAlone() {
    #expect(
      PostgresPlaceholders.translate("SELECT '?', 'it''s ?', \"a?\" -- why?\n, ? /* ? */, ?").sql
        == "SELECT '?', 'it''s ?', \"a?\" -- why?\n, $1 /* ? */, $2")
  }
}
