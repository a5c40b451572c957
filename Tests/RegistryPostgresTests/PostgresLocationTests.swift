import Registry
import Testing

@testable import RegistryPostgres

@Suite("PostgreSQL URLs")
struct PostgresLocationTests {
  private static let form =
    "write it as postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE, or postgresql://USER@/DATABASE?host=/socket/dir "
    + "for a Unix socket (e.g. postgresql://desk@db.example/postdesk)"

  @Test func aPathIsNotAPostgresURL() throws {
    #expect(try PostgresLocation(url: "postdesk.sqlite") == nil)
    #expect(try PostgresLocation(url: "/var/lib/postdesk/registry.sqlite") == nil)
    #expect(try PostgresLocation(url: "mysql://desk@db/postdesk") == nil)
  }

  @Test func hostPortUserPasswordDatabase() throws {
    let location = try #require(try PostgresLocation(url: "postgresql://desk:s%40cret@db.example:6543/post%20desk"))
    #expect(location.user == "desk")
    #expect(location.password == "s@cret")
    #expect(location.endpoint == .host("db.example"))
    #expect(location.port == 6543)
    #expect(location.database == "post desk")
    #expect(location.description == "postgresql://desk:***@db.example:6543/post%20desk")
  }

  @Test func theShortSchemeAndTheDefaultPort() throws {
    let location = try #require(try PostgresLocation(url: "postgres://desk@db.example/postdesk"))
    #expect(location.port == 5432)
    #expect(location.password == nil)
    #expect(location.description == "postgresql://desk@db.example/postdesk")
  }

  @Test func aUnixSocket() throws {
    let location = try #require(try PostgresLocation(url: "postgresql://desk@/postdesk?host=/run/postgresql"))
    #expect(location.endpoint == .socketDirectory("/run/postgresql"))
    #expect(location.socketPath == "/run/postgresql/.s.PGSQL.5432")
    #expect(location.description == "postgresql://desk@/postdesk?host=/run/postgresql")
    let other = try #require(try PostgresLocation(url: "postgresql://desk:pw@/postdesk?host=%2Ftmp%2Fpg&port=5433"))
    #expect(other.socketPath == "/tmp/pg/.s.PGSQL.5433")
    #expect(other.description == "postgresql://desk:***@/postdesk?host=/tmp/pg&port=5433")
  }

  @Test func parametersAsLibpqReadsThem() throws {
    let location = try #require(
      try PostgresLocation(url: "postgresql://db.example?user=desk&password=p%26w&dbname=postdesk&sslmode=disable"))
    #expect(location.user == "desk")
    #expect(location.password == "p&w")
    #expect(location.database == "postdesk")
    #expect(location.endpoint == .host("db.example"))
  }

  @Test func anIPv6Address() throws {
    let location = try #require(try PostgresLocation(url: "postgresql://desk@[::1]:5433/postdesk"))
    #expect(location.endpoint == .host("::1"))
    #expect(location.port == 5433)
    #expect(location.description == "postgresql://desk@[::1]:5433/postdesk")
  }

  @Test(arguments: [
    ("postgresql://db.example/postdesk", "the PostgreSQL URL names no user; give one before the host"),
    (
      "postgresql://desk@/postdesk",
      "the PostgreSQL URL names no host; give one after the user, or ?host=/socket/dir for a Unix socket"
    ),
    ("postgresql://desk@db.example", "the PostgreSQL URL names no database; give one after the host"),
    ("postgresql://desk@db.example/", "the PostgreSQL URL names no database; give one after the host"),
    (
      "postgresql://desk@db.example:54x2/postdesk", "the PostgreSQL URL's port \"54x2\" is not a number from 1 to 65535"
    ),
    (
      "postgresql://desk@db.example:70000/postdesk",
      "the PostgreSQL URL's port \"70000\" is not a number from 1 to 65535"
    ),
    (
      "postgresql://desk@db1,db2/postdesk",
      "the PostgreSQL URL names more than one host (db1,db2); PostDesk connects to one"
    ),
    (
      "postgresql://desk:50%@db.example/postdesk",
      "the PostgreSQL URL's password has a % that is not followed by two hexadecimal digits (write % as %25)"
    ),
    (
      "postgresql://desk@db.example/postdesk?connect_timeout=5",
      "the PostgreSQL URL's parameter \"connect_timeout\" is not one PostDesk reads (host, port, user, password, dbname, sslmode)"
    ),
    ("postgresql://desk@db.example/postdesk?host", "the PostgreSQL URL's parameter \"host\" has no value (name=value)"),
    (
      "postgresql://desk@db.example/postdesk?host=/run/postgresql",
      "the PostgreSQL URL names its host twice (before the path and in ?host=)"
    ),
    (
      "postgresql://desk@db.example/postdesk?sslmode=require",
      "the PostgreSQL URL asks for sslmode=require, but PostDesk does not speak TLS to PostgreSQL yet; use a Unix socket (?host=/socket/dir) or sslmode=disable on a network you trust"
    ),
    ("postgresql://desk@[::1/postdesk", "the PostgreSQL URL's IPv6 address has no closing ]"),
    (
      "postgresql://desk@/postdesk?host=/" + String(repeating: "d", count: 100),
      "the PostgreSQL URL's socket /" + String(repeating: "d", count: 100)
        + "/.s.PGSQL.5432 is longer than a Unix socket's path may be (107 bytes)"
    ),
  ])
  func aMalformedURLIsRefused(url: String, what: String) {
    #expect(throws: RegistryError("\(what): \(Self.form)")) { try PostgresLocation(url: url) }
  }

  @Test func theRefusalNeverRepeatsThePassword() {
    do {
      _ = try PostgresLocation(url: "postgresql://desk:hunter2@db.example:x/postdesk")
      Issue.record("a bad port should be refused")
    } catch {
      #expect(!"\(error)".contains("hunter2"))
    }
  }
}
